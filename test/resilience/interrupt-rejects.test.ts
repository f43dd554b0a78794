import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { startCli } from '../support/run-cli.js';

// Rows left out by --on-error skip-row reach their reject file as they are rejected, not at
// the end of the run: Ctrl-C keeps the record of every row the run reported as rejected.
const ROWS = 1_500_000;
const EVERY = 5000;
let dir: string;
let sqlite: string;
let db: ScratchDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-rejects-'));
  chmodSync(dir, 0o755);
  sqlite = join(dir, 'items.db');
  const Database = loadBetterSqlite3();
  const file = new Database(sqlite);
  // Every EVERY-th row holds text in an INTEGER column, which --strict-types keeps as integer.
  file.exec(`
    CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER, payload TEXT NOT NULL);
    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS})
      INSERT INTO items SELECT x, CASE WHEN x % ${EVERY} = 0 THEN 'bad ' || x ELSE x END, 'row ' || x FROM c;
  `);
  file.close();
  db = await createScratchDatabase('rejects');
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('reject files', { timeout: 300_000 }, () => {
  it('hold the rows rejected so far when the run is stopped by Ctrl-C', async () => {
    const rejectsDir = join(dir, 'rejects');
    const run = startCli(['migrate', 'sqlite-to-pg', sqlite, '--to', db.url, '--json', '--strict-types', '--on-error', 'skip-row', '--rejects-dir', rejectsDir]);
    await run.waitForEvent((e) => e.type === 'reject');
    run.child.kill('SIGINT');
    const out = await run.done;
    expect(out.code, out.stderr).toBe(130);
    expect(out.events.some((e) => e.type === 'summary')).toBe(false);
    const reported = out.events.filter((e) => e.type === 'reject').map((e) => (e.record as { key: number }).key);
    expect(reported.length).toBeGreaterThan(0);
    const file = join(rejectsDir, 'items.ndjson');
    expect(existsSync(file)).toBe(true);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { rowid: number; column: string; reason: string });
    // Each line is written before its event is printed, so every reported row is in the file.
    expect(lines.map((l) => l.rowid)).toEqual(expect.arrayContaining(reported));
    expect(lines.every((l) => l.column === 'n' && l.rowid % EVERY === 0 && /in an integer column/.test(l.reason))).toBe(true);
    // The run stopped early: far from every bad row was reached.
    expect(lines.length).toBeLessThan(ROWS / EVERY);
  });
});
