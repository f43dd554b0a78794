import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgBinDir, findPgbouncerBin, serverOsUser, startPgbouncer, stopStandbyServer } from '../support/core-internals.js';
import { runAsPrinted } from '../support/run-as-printed.js';
import { runCli } from '../support/run-cli.js';
import { queryUrl } from '../support/test-server.js';
import { type SandboxState, stopSandbox } from '@catdb/core/sandbox';

const base = mkdtempSync(join(tmpdir(), 'catdb-repoint-'));
chmodSync(base, 0o755);
const dir = join(base, 'sb');
let state: SandboxState;
let pgbouncer: { dir: string; url: string };

beforeAll(async () => {
  const up = await runCli(['sandbox', 'up', '--dir', dir, '--replicas', '1', '--pgbouncer'], { timeoutMs: 300_000 });
  expect(up.code, up.stderr).toBe(0);
  state = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8')) as SandboxState;
  pgbouncer = state.services.pgbouncer as { dir: string; url: string };
}, 400_000);

afterAll(async () => {
  if (existsSync(join(dir, 'sandbox.json'))) await stopSandbox({ dir, purge: true }).catch(() => {});
  rmSync(base, { recursive: true, force: true });
});

describe('pgbouncer repoint, and promote while PgBouncer is down', () => {
  it('refuses to point PgBouncer at a standby and changes nothing', async () => {
    const ini = readFileSync(join(pgbouncer.dir, 'pgbouncer.ini'), 'utf8');
    const run = await runCli(['pgbouncer', 'repoint', '--dir', pgbouncer.dir, '--primary', state.replicas[0]!.url, '--json']);
    expect(run.code).toBe(1);
    expect(run.events.at(-1)).toMatchObject({ type: 'error', code: 'PGBOUNCER_CONFIG' });
    expect(readFileSync(join(pgbouncer.dir, 'pgbouncer.ini'), 'utf8')).toBe(ini);
  });

  it('promote says it promoted and prints the repoint command, which then moves PgBouncer', async () => {
    const replica = state.replicas[0]!;
    await stopStandbyServer(findPgBinDir(), state.primary.dataDir, serverOsUser(), 'immediate');
    const stop = await runCli(['pgbouncer', 'stop', '--dir', pgbouncer.dir]);
    expect(stop.code, stop.stderr).toBe(0);

    const promote = await runCli(['replica', 'promote', '--replica', replica.url, '--pgbouncer-dir', pgbouncer.dir], { timeoutMs: 180_000 });
    expect(promote.code, promote.stdout + promote.stderr).toBe(5);
    expect(promote.stderr).toMatch(/REPLICA_PGBOUNCER_NOT_REPOINTED/);
    expect(promote.stderr).toMatch(/is promoted and accepts writes on timeline 2/);
    expect(await queryUrl(replica.url, 'select pg_is_in_recovery() as r')).toEqual([{ r: false }]);
    const command = /run: (catdb pgbouncer repoint .*)$/m.exec(promote.stderr)?.[1];
    expect(command, promote.stderr).toBeDefined();
    expect(command).not.toMatch(/password|\*\*\*/i);

    // PgBouncer is back, still leading to the dead primary: the printed command, pasted as is, finishes the switch.
    await startPgbouncer({ dir: pgbouncer.dir, binary: findPgbouncerBin(), osUser: serverOsUser() });
    const pasted = await runAsPrinted(command!, base);
    expect(pasted.code, pasted.stdout + pasted.stderr).toBe(0);
    expect(pasted.stdout).toMatch(/^PgBouncer: primary aliases postgres now point at 127\.0\.0\.1:\d+\.$/m);
    expect(pasted.stderr.split('\n').filter(Boolean)).toEqual(['  pgbouncer PAUSE postgres', '  pgbouncer RELOAD', '  pgbouncer RESUME postgres']);
    expect(await queryUrl(pgbouncer.url, 'select pg_is_in_recovery() as r, inet_server_port() as port')).toEqual([{ r: false, port: replica.port }]);

    // Once done, running it again changes nothing.
    const again = await runCli(['pgbouncer', 'repoint', '--dir', pgbouncer.dir, '--primary', replica.url, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.events.find((e) => e.type === 'result')).toMatchObject({ changed: false, aliases: ['postgres'] });
    expect(again.events.filter((e) => e.type === 'pgbouncer.admin-command')).toEqual([]);
  });
});
