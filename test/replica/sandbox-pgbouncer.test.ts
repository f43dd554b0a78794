import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../packages/core/src/sandbox/sandbox-start.js';
import { stopSandbox } from '../../packages/core/src/sandbox/sandbox-stop.js';
import type { SandboxPgbouncer } from '../../packages/core/src/sandbox/sandbox-pgbouncer.js';
import { queryUrl } from './replica-helpers.js';

const base = mkdtempSync(join(tmpdir(), 'catdb-sandbox-pgb-'));
chmodSync(base, 0o755);
const dir = join(base, 'sb');

afterAll(async () => {
  if (existsSync(join(dir, 'sandbox.json'))) await stopSandbox({ dir, purge: true }).catch(() => {});
  rmSync(base, { recursive: true, force: true });
});

describe('sandbox up --pgbouncer', () => {
  it('pools the primary, sends <db>_ro to the replica, and down stops PgBouncer too', async () => {
    const state = await startSandbox({ dir, replicas: 1, pgbouncer: true });
    const pgbouncer = state.services.pgbouncer as SandboxPgbouncer;
    expect(pgbouncer.port).toBeGreaterThan(0);
    const passfile = new URL(state.primary.url).searchParams.get('passfile')!;
    const pooled = `${pgbouncer.url}?passfile=${encodeURIComponent(passfile)}`;
    expect(await queryUrl(pooled, 'select pg_is_in_recovery() as r')).toEqual([{ r: false }]);
    const ro = pooled.replace('/postgres?', '/postgres_ro?');
    expect(await queryUrl(ro, 'select pg_is_in_recovery() as r')).toEqual([{ r: true }]);

    const { stopped } = await stopSandbox({ dir });
    expect(stopped).toContain('pgbouncer');
    await expect(queryUrl(pooled, 'select 1')).rejects.toThrow();
  });
});
