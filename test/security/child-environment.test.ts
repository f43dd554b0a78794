import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { stopSandbox } from '@catdb/core/sandbox';
import { stopLocalPostgres, localServerDir } from '../support/core-internals.js';
import { leaksIn, postmasterPid, processTree, type ProcInfo } from '../support/proc.js';
import { runCli } from '../support/run-cli.js';
import { sampleProcesses } from '../support/sample-processes.js';
import { serverUrl } from '../support/test-server.js';

// Secrets in the caller's environment must not reach any process catdb starts, and a shell
// metacharacter in a folder name must never run. Real servers, real /proc.

const base = mkdtempSync(join(tmpdir(), 'catdb-childenv-'));
// The server runs as the postgres OS user when we are root: it must reach every folder below.
chmodSync(base, 0o755);
const sqlite = join(base, 'app.sqlite');
const db = new (loadBetterSqlite3())(sqlite);
db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('x')");
db.close();
const cleanups: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  rmSync(base, { recursive: true, force: true });
});

/** What a careless caller has in its environment; DATABASE_URL cleared so no command picks a target from it. */
function callerSecrets(): { env: NodeJS.ProcessEnv; needles: string[] } {
  const a = `pgpw-${randomBytes(6).toString('hex')}`;
  const b = `urlpw-${randomBytes(6).toString('hex')}`;
  return { env: { PGPASSWORD: a, SOME_URL: `postgres://app:${b}@127.0.0.1:5432/app`, DATABASE_URL: '' }, needles: [a, b] };
}

/** Transient children (initdb, pg_basebackup, pg_ctl) are caught by the sampler; catdb itself holds the secrets by design. */
function childLeaks(leaks: readonly string[]): string[] {
  return leaks.filter((l) => !l.includes('bin/catdb'));
}

function expectCleanTree(label: string, tree: readonly ProcInfo[], needles: readonly string[], minimum: number): void {
  expect(tree.length, `${label}: ${tree.map((p) => p.cmdline).join('\n')}`).toBeGreaterThanOrEqual(minimum);
  // The root shows the environment catdb built (so /proc was read, and it is not an inherited one).
  // PostgreSQL's children reuse that memory for their process title, so theirs shows the
  // title; what they inherited is the postmaster's, checked here.
  expect(tree[0]!.environ.split('\0'), `${label}: ${tree[0]!.cmdline}`).toContain('LC_ALL=C');
  expect(tree[0]!.environ.split('\0').filter(Boolean).map((v) => v.split('=')[0]).sort(), label).toEqual(['HOME', 'LC_ALL', 'LOGNAME', 'PATH', 'USER', ...(process.env.TZ ? ['TZ'] : [])].sort());
  expect(leaksIn(tree, needles), label).toEqual([]);
}

describe('child processes', () => {
  it('the local server catdb starts without --to: no caller secret in its processes, and $(…) or `…` in its folder runs nothing', async () => {
    const sentinel = join(base, 'SENTINEL');
    const cwd = join(base, `app$(touch ${sentinel})\`touch ${sentinel}2\`x`);
    mkdirSync(cwd, { recursive: true, mode: 0o755 });
    const dataDir = join(localServerDir({ CATDB_HOME: cwd }), 'data');
    cleanups.push(() => stopLocalPostgres(dataDir));
    const { env, needles } = callerSecrets();
    const sampler = sampleProcesses(needles[0]!);
    let run;
    try {
      run = await runCli(['migrate', 'sqlite-to-pg', sqlite, '--json'], { cwd, env: { ...env, CATDB_HOME: cwd } });
    } finally {
      const sample = await sampler.stop();
      expect(childLeaks(sample.leaks)).toEqual([]);
      expect([...sample.seen.values()].some((c) => c.includes('initdb')), 'the sampler saw initdb run').toBe(true);
    }
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(sentinel)).toBe(false);
    expect(existsSync(`${sentinel}2`)).toBe(false);
    // postmaster, checkpointer, background writer, walwriter, autovacuum launcher at least.
    expectCleanTree('local server', processTree(postmasterPid(dataDir)), needles, 5);
  });

  it('sandbox up --pgbouncer: no caller secret in the primary, the replica, their children or PgBouncer', async () => {
    const dir = join(base, 'sandbox');
    cleanups.push(() => stopSandbox({ dir, purge: true }));
    const { env, needles } = callerSecrets();
    const sampler = sampleProcesses(needles[1]!);
    let run;
    let seen: string[];
    try {
      run = await runCli(['sandbox', 'up', '--replicas', '1', '--pgbouncer', '--dir', dir, '--json'], { cwd: base, env, timeoutMs: 300_000 });
    } finally {
      const sample = await sampler.stop();
      expect(childLeaks(sample.leaks)).toEqual([]);
      seen = [...sample.seen.values()];
    }
    // A failed run explains itself before the sampler's view of it.
    expect(run.code, `${run.stdout.slice(-2000)}\n${run.stderr}`).toBe(0);
    for (const tool of ['initdb', 'pg_basebackup', 'pgbouncer']) expect(seen.some((c) => c.includes(tool)), `the sampler saw ${tool} run`).toBe(true);
    const state = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8')) as { primary: { dataDir: string }; replicas: { dataDir: string }[]; services: { pgbouncer: { dir: string } } };
    expectCleanTree('primary', processTree(postmasterPid(state.primary.dataDir)), needles, 6);
    // A standby runs startup and walreceiver besides the usual background processes.
    const standby = processTree(postmasterPid(state.replicas[0]!.dataDir));
    expect(standby.some((p) => p.cmdline.includes('walreceiver'))).toBe(true);
    expectCleanTree('replica1', standby, needles, 4);
    const pgbouncerPid = Number(readFileSync(join(state.services.pgbouncer.dir, 'pgbouncer.pid'), 'utf8').trim());
    expectCleanTree('pgbouncer', processTree(pgbouncerPid), needles, 1);
  });

  it.each([
    ['sandbox up --dir', (path: string) => ['sandbox', 'up', '--dir', path, '--replicas', '0']],
    ['replica init --data-dir', (path: string) => ['replica', 'init', '--primary', serverUrl(), '--data-dir', path, '--password-file', join(base, 'pw'), '--dry-run']],
    ['pgbouncer init --dir', (path: string) => ['pgbouncer', 'init', '--database-url', serverUrl(), '--dir', path, '--dry-run']],
  ])('%s with $(…) in the path is refused, naming the path, and runs nothing', async (_name, argv) => {
    writeFileSync(join(base, 'pw'), 'pw\n', { mode: 0o600 });
    const sentinel = join(base, `SENTINEL-${randomBytes(3).toString('hex')}`);
    const path = join(base, `x$(touch ${sentinel})`, 'data');
    const run = await runCli([...argv(path), '--json'], { cwd: base });
    expect(run.code, run.stderr).toBe(2);
    expect(run.events.at(-1)).toMatchObject({ type: 'error', code: 'USAGE_INVALID_PATH', details: { path } });
    expect(run.stderr).toContain(JSON.stringify(path));
    expect(existsSync(sentinel)).toBe(false);
    expect(existsSync(join(base, `x$(touch ${sentinel})`))).toBe(false);
  });
});
