import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect, type LocalPostgres, type PgClient, runCommand, startLocalPostgres } from '../support/core-internals.js';
import { type CliChild, runCli, startCli } from '../support/run-cli.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { makeBigSqlite } from './make-big-sqlite.js';

// Interrupted loads: Ctrl-C, kill -9, a PostgreSQL restart and a killed backend, each in the
// middle of the COPY of a 2M-row table, then `--resume` and an independent `migrate verify`.
const BIG_ROWS = 1_500_000;
let dir: string;
let sqlite: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-resume-'));
  chmodSync(dir, 0o755);
  sqlite = join(dir, 'big.db');
  makeBigSqlite(sqlite, BIG_ROWS);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const smallTables = ['parent', 'small_a', 'small_b'];

/** Starts a migration and resolves once the small tables are committed and `big` is mid-COPY. */
async function startUntilMidCopy(url: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CliChild> {
  const run = startCli(['migrate', 'sqlite-to-pg', sqlite, '--to', url, '--json', '--jobs', '2', ...extra], { env });
  await Promise.all(smallTables.map((t) => run.waitForEvent((e) => e.type === 'table-done' && e.table === t)));
  await run.waitForEvent((e) => e.type === 'table-progress' && e.table === 'big');
  return run;
}

async function targetState(client: PgClient): Promise<{ big: string | null; done: string[]; runStatus: string[] }> {
  const big = await client.query<{ r: string | null }>(`SELECT to_regclass('public.big')::text AS r`);
  const done = await client.query<{ source_table: string }>(`SELECT source_table FROM catdb.migration_state s JOIN catdb.migration_run r USING (run_id) WHERE r.status = 'loading' AND s.status = 'done' ORDER BY 1`);
  const runs = await client.query<{ status: string }>(`SELECT status FROM catdb.migration_run ORDER BY started_at`);
  return { big: big.rows[0]!.r, done: done.rows.map((r) => r.source_table), runStatus: runs.rows.map((r) => r.status) };
}

/** `--resume` completes, skips what was done, and both its own verify and `migrate verify` pass. */
async function resumeAndVerify(url: string, client: PgClient, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const resumed = await runCli(['migrate', 'sqlite-to-pg', sqlite, '--to', url, '--json', '--resume'], { env });
  expect(resumed.code, resumed.stderr).toBe(0);
  const skipped = resumed.events.filter((e) => e.type === 'table-skipped').map((e) => e.table);
  expect(skipped.sort()).toEqual(smallTables);
  expect(resumed.events.filter((e) => e.type === 'table-done').map((e) => e.table)).toEqual(['big']);
  const summary = resumed.events.find((e) => e.type === 'summary')!;
  expect(summary.verified).toBe(4);
  const counts = await client.query<{ n: string; d: string; pk: boolean; fk: boolean }>(
    `SELECT count(*) AS n, count(DISTINCT id) AS d,
            EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.big'::regclass AND contype = 'p') AS pk,
            EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.big'::regclass AND contype = 'f') AS fk
       FROM public.big`,
  );
  expect(counts.rows[0]).toEqual({ n: String(BIG_ROWS), d: String(BIG_ROWS), pk: true, fk: true });
  const runs = await client.query<{ status: string }>(`SELECT status FROM catdb.migration_run`);
  expect(runs.rows.map((r) => r.status)).toEqual(['complete']);
  const verify = await runCli(['migrate', 'verify', sqlite, '--to', url, '--json'], { env });
  expect(verify.code, verify.stderr).toBe(0);
  expect((verify.events.find((e) => e.type === 'verify-summary') as { tables: unknown[] }).tables).toHaveLength(4);
}

describe('Ctrl-C and kill -9 against the shared server', { timeout: 300_000 }, () => {
  let db: ScratchDatabase;
  let client: PgClient;
  beforeEach(async () => {
    db = await createScratchDatabase('resume');
    client = await db.connect();
  });
  afterEach(async () => {
    await client?.end();
    await db?.drop();
  });

  it('SIGINT mid-COPY exits 130 with the table rolled back, refuses a plain re-run, then --resume completes and verifies', async () => {
    const run = await startUntilMidCopy(db.url);
    run.child.kill('SIGINT');
    const out = await run.done;
    expect(out.code, out.stderr).toBe(130);
    expect(out.events.find((e) => e.type === 'error')?.code).toBe('ABORTED');
    expect(out.events.some((e) => e.type === 'table-done' && e.table === 'big')).toBe(false);
    const state = await targetState(client);
    expect(state.big).toBeNull();
    expect(state.done).toEqual(smallTables);
    expect(state.runStatus).toEqual(['loading']);

    const plain = await runCli(['migrate', 'sqlite-to-pg', sqlite, '--to', db.url, '--json']);
    expect(plain.code).toBe(1);
    const err = plain.events.find((e) => e.type === 'error')!;
    expect(err.code).toBe('RESUME_UNFINISHED_RUN');
    expect(String(err.hint)).toContain('--resume');
    expect(String(err.message)).toContain('3 of 4 tables loaded');

    await resumeAndVerify(db.url, client);
  });

  it('kill -9 mid-COPY leaves no rows of the table; --resume completes without duplicates', async () => {
    const again = await runCli(['migrate', 'sqlite-to-pg', sqlite, '--to', db.url, '--json', '--resume']);
    expect(again.events.find((e) => e.type === 'error')?.code).toBe('RESUME_NO_RUN');

    const run = await startUntilMidCopy(db.url);
    run.child.kill('SIGKILL');
    const out = await run.done;
    expect(out.signal).toBe('SIGKILL');
    // The server notices the closed socket and rolls the COPY back; wait for that backend to go.
    for (let i = 0; i < 100; i++) {
      const busy = await client.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'catdb' AND datname = current_database()`);
      if (busy.rowCount === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const state = await targetState(client);
    expect(state.big).toBeNull();
    expect(state.done).toEqual(smallTables);
    expect(state.runStatus).toEqual(['loading']);
    await resumeAndVerify(db.url, client);
  });
});

describe('PostgreSQL going away mid-load', { timeout: 300_000 }, () => {
  let server: LocalPostgres;
  let base: string;
  let client: PgClient;
  const env = (): NodeJS.ProcessEnv => ({ PGPASSFILE: server.passfile });
  // The URL names its passfile, so this server's password is found whatever PGPASSFILE says.
  const urlFor = (database: string): string => `${server.url.replace(/\/postgres$/, `/${database}`)}?passfile=${encodeURIComponent(server.passfile)}`;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'catdb-restart-'));
    chmodSync(base, 0o755);
    server = await startLocalPostgres({ dir: join(base, 'pg'), settings: { fsync: false } });
    client = await connect(urlFor('postgres'));
  });
  afterAll(async () => {
    await client?.end().catch(() => {});
    await server?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  async function freshDatabase(name: string): Promise<string> {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
    return urlFor(name);
  }

  it('a restart mid-COPY fails with PG_UNREACHABLE; --resume completes and verifies', async () => {
    const url = await freshDatabase('restart_db');
    const run = await startUntilMidCopy(url, [], env());
    await runCommand(join(server.binDir, 'pg_ctl'), ['-D', server.dataDir, '-l', join(server.dir, 'server.log'), '-m', 'fast', '-w', '-t', '60', 'restart'], { user: server.osUser, cwd: '/' });
    const out = await run.done;
    expect(out.code, out.stderr).toBe(1);
    const err = out.events.find((e) => e.type === 'error')!;
    expect(err.code).toBe('PG_UNREACHABLE');
    expect(String(err.hint)).toMatch(/--resume/);
    await client.end().catch(() => {});
    client = await connect(urlFor('postgres'));
    const target = await connect(url);
    try {
      const state = await targetState(target);
      expect(state.big).toBeNull();
      expect(state.done).toEqual(smallTables);
      await resumeAndVerify(url, target, env());
    } finally {
      await target.end();
    }
  });

  it("pg_terminate_backend of catdb's COPY backend fails with PG_UNREACHABLE; --resume completes and verifies", async () => {
    const url = await freshDatabase('terminate_db');
    const run = await startUntilMidCopy(url, [], env());
    const killed = await client.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = 'terminate_db' AND application_name = 'catdb' AND query LIKE 'COPY%'`,
    );
    expect(killed.rows.map((r) => r.ok)).toEqual([true]);
    const out = await run.done;
    expect(out.code, out.stderr).toBe(1);
    expect(out.events.find((e) => e.type === 'error')?.code).toBe('PG_UNREACHABLE');
    const target = await connect(url);
    try {
      const state = await targetState(target);
      expect(state.big).toBeNull();
      expect(state.done).toEqual(smallTables);
      await resumeAndVerify(url, target, env());
    } finally {
      await target.end();
    }
  });
});
