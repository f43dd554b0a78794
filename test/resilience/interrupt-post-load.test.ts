import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { type CliChild, runCli, startCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { poll } from '../support/poll.js';
import { makeBigSqlite } from './make-big-sqlite.js';

// Ctrl-C after the load: in the post-load steps (a statement the server is running) and while
// verifying. catdb cancels what runs, exits 130 at once, and `--resume` finishes the run.
const BIG_ROWS = 1_500_000;
const TABLES = ['big', 'parent', 'small_a', 'small_b'];
let dir: string;
let journal: string;
let wal: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-interrupt-'));
  chmodSync(dir, 0o755);
  journal = join(dir, 'big.db');
  makeBigSqlite(journal, BIG_ROWS);
  // In WAL mode no worker threads read the file: the source side of verification runs on the
  // main thread, which must still notice Ctrl-C.
  wal = join(dir, 'big-wal.db');
  copyFileSync(journal, wal);
  const db = new (loadBetterSqlite3())(wal);
  db.pragma('journal_mode = WAL');
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Ctrl-C after the load', { timeout: 300_000 }, () => {
  const db = useScratchDatabase('postload', { each: true });

  /** catdb's sessions still running a statement on the server. */
  const busyBackends = async (): Promise<number> =>
    (await db.client.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'catdb' AND state = 'active' AND pid <> pg_backend_pid()`)).rowCount ?? 0;

  /** Sends SIGINT; the run must end with 130 and ABORTED within `seconds`, with nothing left running on the server. */
  async function interrupt(run: CliChild, seconds: number): Promise<{ events: Record<string, unknown>[]; error: Record<string, unknown> }> {
    const t0 = performance.now();
    run.child.kill('SIGINT');
    const out = await run.done;
    const took = (performance.now() - t0) / 1000;
    expect(out.code, out.stderr).toBe(130);
    expect(took).toBeLessThan(seconds);
    const error = out.events.find((e) => e.type === 'error')!;
    expect(error.code).toBe('ABORTED');
    expect(String(error.hint)).toContain('--resume');
    expect(out.stderr.split(String(error.message))).toHaveLength(2);
    await poll('the cancelled statements to end on the server', async () => (await busyBackends()) === 0, { timeoutMs: 5000, intervalMs: 50 });
    return { events: out.events, error };
  }

  /** `--resume` keeps every table, creates what is missing, and verifies; then an independent verify agrees. */
  async function resumeAndVerify(file: string): Promise<void> {
    const runs = await db.client.query<{ status: string }>(`SELECT status FROM catdb.migration_run`);
    expect(runs.rows.map((r) => r.status)).toEqual(['loading']);
    const resumed = await runCli(['migrate', 'sqlite-to-pg', file, '--to', db.url, '--json', '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.events.filter((e) => e.type === 'table-skipped').map((e) => e.table).sort()).toEqual(TABLES);
    expect(resumed.events.find((e) => e.type === 'summary')).toMatchObject({ verified: 4 });
    const keys = await db.client.query<{ contype: string; table: string }>(
      `SELECT contype::text, conrelid::regclass::text AS table FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND convalidated ORDER BY 2, 1`,
    );
    expect(keys.rows).toEqual([
      { contype: 'f', table: 'big' },
      { contype: 'p', table: 'big' },
      { contype: 'p', table: 'parent' },
      { contype: 'p', table: 'small_a' },
      { contype: 'p', table: 'small_b' },
    ]);
    const after = await db.client.query<{ status: string }>(`SELECT status FROM catdb.migration_run`);
    expect(after.rows.map((r) => r.status)).toEqual(['complete']);
    const verify = await runCli(['migrate', 'verify', file, '--to', db.url, '--json']);
    expect(verify.code, verify.stderr).toBe(0);
  }

  it('in the post-load steps: the statement the server runs is cancelled, exit 130, --resume finishes', async () => {
    const run = startCli(['migrate', 'sqlite-to-pg', journal, '--to', db.url, '--json', '--jobs', '2']);
    // Hold parent while big still loads: its primary key then waits for this lock for as long
    // as the test wants, a post-load statement running on the server.
    await run.waitForEvent((e) => e.type === 'table-done' && e.table === 'parent');
    const holder = await db.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE public.parent IN ACCESS SHARE MODE');
      await run.waitForEvent((e) => e.type === 'step' && e.step === 'constraints' && e.status === 'start');
      await poll(
        'the primary key of parent to wait for its lock',
        async () => ((await db.client.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'catdb' AND wait_event_type = 'Lock' AND query LIKE '%"parent"%PRIMARY KEY%'`)).rowCount ?? 0) > 0,
        { timeoutMs: 60_000, intervalMs: 50 },
      );
      const { events, error } = await interrupt(run, 10);
      expect(String(error.message)).toContain('constraints step');
      expect(events.some((e) => e.type === 'step' && e.step === 'constraints' && e.status === 'done')).toBe(false);
      expect(events.some((e) => e.type === 'warning')).toBe(false);
    } finally {
      await holder.query('ROLLBACK').catch(() => {});
      await holder.end();
    }
    const pk = await db.client.query(`SELECT 1 FROM pg_constraint WHERE conrelid = 'public.parent'::regclass AND contype = 'p'`);
    expect(pk.rowCount).toBe(0);
    await resumeAndVerify(journal);
  });

  it('while verifying (source side on the main thread): exit 130 before the step ends, --resume verifies', async () => {
    const run = startCli(['migrate', 'sqlite-to-pg', wal, '--to', db.url, '--json', '--jobs', '2']);
    await run.waitForEvent((e) => e.type === 'step' && e.step === 'verify' && e.status === 'start');
    const { events, error } = await interrupt(run, 10);
    expect(String(error.message)).toContain('verify step');
    expect(events.some((e) => e.type === 'verify-table' && e.table === 'big')).toBe(false);
    expect(events.some((e) => e.type === 'summary')).toBe(false);
    await resumeAndVerify(wal);
  });
});
