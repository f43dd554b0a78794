import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSqliteToPg } from '@catdb/core';
import { scratchDatabaseFactory } from '../support/scratch-database.js';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';

const Database = loadBetterSqlite3();

// Keys past 2^53 (snowflake-style ids) page the load: read as JavaScript numbers they were
// rounded, and a chunk started at the wrong row, skipping or repeating rows.
const dir = mkdtempSync(join(tmpdir(), 'catdb-bigkeys-'));
const file = join(dir, 'bigkeys.sqlite');
const ROWS = 5_000;
const BASE = 2n ** 60n;
const freshDatabase = scratchDatabaseFactory();

beforeAll(() => {
  const db = new Database(file);
  db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, v TEXT);
           CREATE TABLE pairs (a INTEGER NOT NULL, b INTEGER NOT NULL, v TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID;`);
  const events = db.prepare('INSERT INTO events VALUES (?, ?)');
  const pairs = db.prepare('INSERT INTO pairs VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      events.run(BASE + BigInt(i), `e${i}`);
      pairs.run(BASE + BigInt(i % 7), BASE + BigInt(i), `p${i}`);
    }
  })();
  db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keys past 2^53', () => {
  it.each([
    ['the SQLite-rendered load', true],
    ['the value-by-value load', false],
  ])('%s carries every row once, without verification to catch a slip', async (_name, fastPath) => {
    const target = await freshDatabase('bigkeys');
    const result = await migrateSqliteToPg({ source: file, target: target.url, fastPath, verify: false });
    expect(result.rows).toBe(2 * ROWS);
    const c = await target.connect();
    try {
      for (const [table, key] of [['events', 'id'], ['pairs', 'b']] as const) {
        const { rows } = await c.query<{ n: string; distinct: string; sum: string }>(`SELECT count(*)::text AS n, count(DISTINCT ${key})::text AS distinct, sum(${key} - ${BASE})::text AS sum FROM public.${table}`);
        expect(rows[0], table).toEqual({ n: String(ROWS), distinct: String(ROWS), sum: String((ROWS * (ROWS - 1)) / 2) });
      }
    } finally {
      await c.end();
    }
  });
});
