import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSqliteToPg, type MigrationEvent } from '@catdb/core';
import { scratchDatabaseFactory, type ScratchDatabase } from '../support/scratch-database.js';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';

const Database = loadBetterSqlite3();

// The fast path (SQLite renders COPY CSV) must load exactly what the value-by-value path
// loads, and hand every value it cannot render to that path.
const dir = mkdtempSync(join(tmpdir(), 'catdb-fast-'));
const file = join(dir, 'mixed.sqlite');
const freshDatabase = scratchDatabaseFactory();

beforeAll(() => {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE clean (id INTEGER PRIMARY KEY, name TEXT, score REAL, flag BOOLEAN, at DATETIME, raw BLOB, amount NUMERIC(10,2), big INTEGER, day DATE);
    CREATE TABLE odd (id INTEGER PRIMARY KEY, at DATETIME, ts TIMESTAMP WITHOUT TIME ZONE, flag BOOLEAN);
    CREATE TABLE pairs (a TEXT NOT NULL, b INTEGER NOT NULL, v TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID;
    CREATE TABLE untyped (id INTEGER PRIMARY KEY, x);
  `);
  const clean = db.prepare('INSERT INTO clean VALUES (?,?,?,?,?,?,?,?,?)');
  const texts = ['plain', 'tab\there', 'new\nline', 'cr\rlf', 'back\\slash', 'quote "x" ,comma', '', '𝄞 é ﻋﺮﺑﻲ', '\\N', 'NULL'];
  for (let i = 1; i <= 300; i++) {
    clean.run(i, i % 17 === 0 ? null : texts[i % texts.length], i % 13 === 0 ? null : i / 7, i % 2, i % 11 === 0 ? null : `2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:0${i % 10}:00${i % 3 === 0 ? '.123' : ''}`, i % 5 === 0 ? Buffer.from([0, i % 256, 255]) : null, (i * 37) / 100, BigInt(2) ** 62n + BigInt(i), '2024-02-29');
  }
  db.prepare('INSERT INTO clean VALUES (?,?,?,?,?,?,?,?,?)').run(1000, 'inf', Infinity, 1, '2024-03-01T00:00:00Z', Buffer.alloc(0), 0, -(2n ** 63n), '1999-12-31');
  const odd = db.prepare('INSERT INTO odd VALUES (?,?,?,?)');
  odd.run(1, '2006-01-02 15:04:05.999999999-07:00', '2006-01-02 15:04:05-07:00', 'yes');
  odd.run(2, 1700000000, '2024-01-01 00:00:00', 'FALSE');
  odd.run(3, 2460000.5, null, 0);
  const pairs = db.prepare('INSERT INTO pairs VALUES (?,?,?)');
  for (let i = 0; i < 7000; i++) pairs.run(`k${i % 97}`, i, i % 3 ? `v${i}` : null);
  const untyped = db.prepare('INSERT INTO untyped VALUES (?,?)');
  untyped.run(1, -0.0);
  untyped.run(2, 1.5);
  untyped.run(3, 7);
  db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(fastPath: boolean): Promise<{ db: ScratchDatabase; events: MigrationEvent[] }> {
  const db = await freshDatabase('fast');
  const events: MigrationEvent[] = [];
  const result = await migrateSqliteToPg({ source: file, target: db.url, fastPath, onEvent: (e) => events.push(e) });
  expect(result.verification?.ok).toBe(true);
  return { db, events };
}

async function dump(db: ScratchDatabase, table: string): Promise<string[]> {
  const c = await db.connect();
  try {
    await c.query("SET TimeZone = 'UTC'");
    const { rows } = await c.query<{ r: string }>(`SELECT t::text AS r FROM ${table} t ORDER BY 1`);
    return rows.map((x) => x.r);
  } finally {
    await c.end();
  }
}

describe('the SQLite-rendered load path', () => {
  it('loads exactly what the value-by-value path loads, falling back only where it must', async () => {
    const fast = await load(true);
    const slow = await load(false);
    for (const table of ['clean', 'odd', 'pairs', 'untyped']) {
      const a = await dump(fast.db, table);
      expect(a.length, table).toBeGreaterThan(0);
      expect(a, table).toEqual(await dump(slow.db, table));
    }
    const retried = fast.events.filter((e) => e.type === 'table-retry').map((e) => (e as { table: string }).table);
    // Offsets, Julian days and 'yes' have no SQL rendering: that table goes value by value.
    expect(retried).toEqual(['odd']);
    expect(slow.events.some((e) => e.type === 'table-retry')).toBe(false);
    // -0.0 kept its sign where SQLite stored it as a REAL.
    expect((await dump(fast.db, 'untyped'))[0]).toBe('(1,-0)');
  });
});
