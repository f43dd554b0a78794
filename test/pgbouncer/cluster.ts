import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chownTo, connect, type LocalPostgres, quoteIdent, quoteLiteral, runCommand, startLocalPostgres, writePgpassFile } from '../support/core-internals.js';

export interface TestCluster {
  base: string;
  primary: LocalPostgres;
  standby: LocalPostgres;
  /** Superuser URL with the password in it (in-process use only). */
  superuserUrl: string;
  app: { user: string; password: string; database: string; url: string; replicaUrl: string };
  stop(): Promise<void>;
}

/**
 * A primary and a real streaming standby (pg_basebackup -R) on loopback, plus an
 * application role with a password that needs URL-encoding and a database it owns.
 */
export async function startTestCluster(): Promise<TestCluster> {
  const base = mkdtempSync(join(tmpdir(), 'catdb-pgb-'));
  chmodSync(base, 0o755);
  const started: LocalPostgres[] = [];
  try {
    const primary = await startLocalPostgres({ dir: join(base, 'primary'), settings: { fsync: false, max_connections: 40 } });
    started.push(primary);
    const superPw = primary.connection().password;
    const superuserUrl = `postgres://postgres:${encodeURIComponent(superPw)}@127.0.0.1:${primary.port}/postgres`;

    const app = { user: `app_${randomBytes(3).toString('hex')}`, password: `p@ss:w/rd%${randomBytes(6).toString('hex')}`, database: 'appdb' };
    const admin = await connect(superuserUrl);
    try {
      await admin.query(`CREATE ROLE ${quoteIdent(app.user)} LOGIN PASSWORD ${quoteLiteral(app.password)}`);
      await admin.query(`CREATE DATABASE ${quoteIdent(app.database)} OWNER ${quoteIdent(app.user)}`);
    } finally {
      await admin.end();
    }

    const standbyDir = join(base, 'standby');
    mkdirSync(standbyDir, { mode: 0o700 });
    chownTo(standbyDir, primary.osUser);
    const passfile = join(standbyDir, 'pgpass');
    writePgpassFile(passfile, [{ host: '127.0.0.1', port: '*', database: '*', user: 'postgres', password: superPw }]);
    chownTo(passfile, primary.osUser);
    await runCommand(
      join(primary.binDir, 'pg_basebackup'),
      ['-D', join(standbyDir, 'data'), '-R', '-X', 'stream', '-c', 'fast', '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '--no-sync'],
      { user: primary.osUser, cwd: standbyDir, passfile, timeoutMs: 120_000 },
    );
    const standby = await startLocalPostgres({ dir: standbyDir, settings: { hot_standby: true, max_connections: 40 } });
    started.push(standby);

    const enc = encodeURIComponent(app.password);
    return {
      base,
      primary,
      standby,
      superuserUrl,
      app: {
        ...app,
        url: `postgres://${app.user}:${enc}@127.0.0.1:${primary.port}/${app.database}`,
        replicaUrl: `postgres://${app.user}:${enc}@127.0.0.1:${standby.port}/${app.database}`,
      },
      stop: async () => {
        for (const s of started.reverse()) await s.stop().catch(() => {});
        rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.stop().catch(() => {});
    rmSync(base, { recursive: true, force: true });
    throw err;
  }
}

/** Polls `fn` until it returns a value that is not undefined; bounded by `tries`. */
export async function eventually<T>(fn: () => Promise<T | undefined>, tries = 100, delayMs = 100): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    await sleep(delayMs);
  }
  throw new Error(`condition not met after ${tries} tries${lastError ? `: ${String(lastError)}` : ''}`);
}
