import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { createAppDatabase } from './app-database.js';
import { startWriter, type WriterRun } from './app-writer-run.js';
import { expectCommittedWritesInTarget, expectFencedAfterCutover } from './online-assertions.js';

// An application keeps writing to its WAL-mode SQLite file for the whole run (inserts,
// updates, deletes and key changes on five tables, AUTOINCREMENT, WITHOUT ROWID, no primary
// key); catdb copies, follows, and cuts over under it.

// SQLite's busy handler sleeps up to 100 ms between retries, so a writer can notice the
// released lock that much later; the rest is scheduling on a loaded two-core machine.
const BUSY_RETRY_SLACK_MS = 150;

let dir: string;
const db = useScratchDatabase('online', { each: true });
let writer: WriterRun | undefined;
let n = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-online-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await writer?.stop();
  writer = undefined;
});

function appFile(rows: number): { file: string; log: string } {
  n++;
  const file = join(dir, `app-${n}.db`);
  createAppDatabase(file, rows);
  return { file, log: join(dir, `writer-${n}.ndjson`) };
}

async function sqliteSequence(file: string, table: string): Promise<number> {
  const Database = loadBetterSqlite3();
  const sqlite = new Database(file, { readonly: true });
  try {
    return Number(sqlite.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table));
  } finally {
    sqlite.close();
  }
}

describe('online migration with a live writer', { timeout: 600_000 }, () => {
  it('copies and follows; a cutover from another shell pauses the writer briefly, verifies and fences', async () => {
    const { file, log } = appFile(20_000);
    writer = await startWriter(file, log, 100);
    const follower = startCli(['migrate', 'sqlite-to-pg', file, '--to', db.url, '--online', '--json', '--jobs', '2']);
    await follower.waitForEvent((e) => e.type === 'online-lag' && e.caughtUp === true);
    await new Promise((r) => setTimeout(r, 2000));

    // The lock's window as seen from here, to pick the writes that met it.
    const cutting = startCli(['migrate', 'cutover', file, '--to', db.url, '--json']);
    const locked = cutting.waitForEvent((e) => e.type === 'write-lock' && e.status === 'acquired').then(() => Date.now());
    const released = cutting.waitForEvent((e) => e.type === 'write-lock' && e.status === 'released').then(() => Date.now());
    const cut = await cutting.done;
    expect(cut.code, cut.stderr).toBe(0);
    const window = { from: await locked, to: await released };
    const summary = cut.events.find((e) => e.type === 'cutover-summary') as { pauseMs: number; drainedChanges: number; counts: { ok: boolean }[] };
    expect(summary.pauseMs).toBeGreaterThan(0);
    expect(summary.counts.length).toBeGreaterThanOrEqual(4);
    const locks = cut.events.filter((e) => e.type === 'write-lock').map((e) => e.status);
    expect(locks).toEqual(['acquired', 'released']);

    const followed = await follower.done;
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.events.find((e) => e.type === 'online-summary')?.outcome).toBe('cut-over-elsewhere');

    await new Promise((r) => setTimeout(r, 500));
    const lines = await writer.stop();
    expectFencedAfterCutover(lines);
    expect(lines.filter((l) => l.ok).length).toBeGreaterThan(200);
    // Writes in flight while the lock was held (the events reach this process a little late).
    const met = lines.filter((l) => l.t0 <= window.to && l.t0 + l.ms >= window.from - 50);
    expect(met.length).toBeGreaterThan(0);
    expect(Math.max(...met.map((l) => l.ms))).toBeLessThanOrEqual(summary.pauseMs + BUSY_RETRY_SLACK_MS);

    const checked = await expectCommittedWritesInTarget(db.client, lines);
    expect(checked).toBeGreaterThan(100);
    const verify = await runCli(['migrate', 'verify', file, '--to', db.url, '--json']);
    expect(verify.code, verify.stderr).toBe(0);
    expect((verify.events.find((e) => e.type === 'verify-summary') as { tables: unknown[] }).tables).toHaveLength(5);
    // AUTOINCREMENT's promise holds in PostgreSQL: no id SQLite ever handed out comes again.
    const next = await db.client.query<{ v: string }>(`SELECT nextval(pg_get_serial_sequence('public.items', 'id'))::text AS v`);
    expect(Number(next.rows[0]!.v)).toBeGreaterThan(await sqliteSequence(file, 'items'));

    // Running either command again changes nothing and says it is done.
    const again = await runCli(['migrate', 'cutover', file, '--to', db.url, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.events.find((e) => e.type === 'cutover-summary')?.alreadyDone).toBe(true);
  });
});
