import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lookupPgpass } from '../support/core-internals.js';
import { type CliResult, runCli } from '../support/run-cli.js';
import { runAsPrinted as runPrintedLine } from '../support/run-as-printed.js';
import { queryUrl } from '../support/test-server.js';
import { stopSandbox } from '@catdb/core/sandbox';

const base = mkdtempSync(join(tmpdir(), 'catdb-sandbox-pgb-'));
chmodSync(base, 0o755);
const dir = join(base, 'sb');

afterAll(async () => {
  if (existsSync(join(dir, 'sandbox.json'))) await stopSandbox({ dir, purge: true }).catch(() => {});
  rmSync(base, { recursive: true, force: true });
});

/**
 * Runs a line exactly as a user would paste it, in a shell whose environment has no
 * PGPASSFILE and a HOME without ~/.pgpass, with `catdb` on PATH.
 */
function runAsPrinted(line: string, stdin = ''): Promise<CliResult> {
  const home = join(base, 'home');
  mkdirSync(home, { recursive: true });
  return runPrintedLine(line, base, { bareEnv: true, env: { HOME: home }, stdin });
}

describe('sandbox up --pgbouncer', () => {
  let printed = '';

  it('prints a psql URL and a check command that work as printed, with no password anywhere', async () => {
    const up = await runCli(['sandbox', 'up', '--dir', dir, '--replicas', '1', '--pgbouncer'], { timeoutMs: 240_000 });
    expect(up.stderr).not.toMatch(/error/);
    expect(up.code).toBe(0);
    printed = up.stdout;
    const password = lookupPgpass(join(dir, 'primary', 'pgpass'), '127.0.0.1', '*', '*', 'postgres');
    expect(password).toBeTruthy();
    expect(printed + up.stderr).not.toContain(password);
    const psql = /^Connect through PgBouncer: (psql .+)$/m.exec(printed)?.[1];
    const check = /^Check PgBouncer: (catdb pgbouncer check .+)$/m.exec(printed)?.[1];
    expect(psql).toMatch(/\?passfile=/);
    expect(check).toMatch(/--database-url '.*\?passfile=/);

    const answer = await runAsPrinted(psql!, 'select 42 as answer;\n');
    expect(answer.stderr).toBe('');
    expect(answer.stdout).toMatch(/^\s*42$/m);
    expect(answer.code).toBe(0);

    const result = await runAsPrinted(`${check!} --nagios`);
    expect(result.stdout).toMatch(/^PGBOUNCER OK: 2 alias\(es\) answer, no client waiting \| /);
    expect(result.code).toBe(0);
    const human = await runAsPrinted(check!);
    expect(human.stdout).toMatch(/^PgBouncer 127\.0\.0\.1:\d+: OK$/m);
    expect(human.code).toBe(0);

    // The read-only alias reaches the replica through the same passfile.
    const ro = /^ {2}pgbouncer (\S+)/m.exec(printed)![1]!.replace('/postgres?', '/postgres_ro?');
    expect(await queryUrl(ro, 'select pg_is_in_recovery() as r')).toEqual([{ r: true }]);
  });

  it('sandbox status shows PgBouncer, its port, state and pools', async () => {
    const port = Number(/^ {2}pgbouncer postgres:\/\/[^@]+@127\.0\.0\.1:(\d+)\//m.exec(printed)![1]);
    const text = await runCli(['sandbox', 'status', '--dir', dir]);
    expect(text.stdout).toMatch(new RegExp(`^ {2}pgbouncer running {2}127\\.0\\.0\\.1:${port} {2}OK$`, 'm'));
    expect(text.stdout).toMatch(/^ {4}pool postgres\/postgres: cl_active \d+, cl_waiting 0, sv_active \d+, sv_idle \d+, maxwait 0 s$/m);
    expect(text.stdout).toMatch(/^ {4}pool postgres_ro\/postgres: /m);
    expect(text.code).toBe(0);

    const json = await runCli(['sandbox', 'status', '--dir', dir, '--json']);
    const status = JSON.parse(json.stdout);
    expect(status).toMatchObject({ healthy: true, running: { primary: true, replica1: true, pgbouncer: true }, pgbouncer: { port, running: true, status: 'OK' } });
    expect(status.pgbouncer.url).toMatch(/\?passfile=/);
    expect(status.pgbouncer.pools.map((p: { database: string }) => p.database).sort()).toEqual(['postgres', 'postgres_ro']);
  });

  it('down stops PgBouncer too, and status then says so (exit 1)', async () => {
    const { stopped } = await stopSandbox({ dir });
    expect(stopped).toContain('pgbouncer');
    const text = await runCli(['sandbox', 'status', '--dir', dir]);
    expect(text.stdout).toMatch(/^ {2}pgbouncer stopped {2}127\.0\.0\.1:\d+$/m);
    expect(text.code).toBe(1);
  });
});
