import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preparePrimary } from '@catdb/core/replica';
import { connect, startLocalPostgres, type LocalPostgres, type PgClient } from './core-internals.js';

export interface TestPrimary {
  base: string;
  server: LocalPostgres;
  /** Superuser URL naming its passfile (no PGPASSFILE needed). */
  url: string;
  passwordFile: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  cleanup(): Promise<void>;
}

/** A fresh primary under os.tmpdir() on a free port, prepared for replication; `settings` adds to or overrides the defaults. */
export async function startTestPrimary(prefix: string, settings: Record<string, string | number | boolean> = {}): Promise<TestPrimary> {
  const base = mkdtempSync(join(tmpdir(), `catdb-${prefix}-`));
  chmodSync(base, 0o755);
  const server = await startLocalPostgres({
    dir: join(base, 'primary'),
    settings: { fsync: false, synchronous_commit: false, wal_level: 'replica', max_wal_senders: 10, max_replication_slots: 10, wal_sender_timeout: '10s', ...settings },
  });
  const url = `${server.url}?passfile=${server.passfile}`;
  const passwordFile = join(base, 'secrets', 'replicator.password');
  await preparePrimary({ primaryUrl: url, passwordFile });
  let client: PgClient | undefined;
  const query = async <T,>(sql: string, params: unknown[] = []): Promise<T[]> => {
    client ??= await connect(url);
    return (await client.query(sql, params)).rows as T[];
  };
  return {
    base,
    server,
    url,
    passwordFile,
    query,
    cleanup: async () => {
      await client?.end().catch(() => {});
      await server.stop().catch(() => {});
      rmSync(base, { recursive: true, force: true });
    },
  };
}
