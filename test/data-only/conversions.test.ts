import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { migrateSqliteToPg } from '@catdb/core';
import { useScratchDatabase } from '../support/scratch-database.js';

// Every conversion a data-only load makes, checked against what PostgreSQL's own input
// functions make of the same value (the `expected` SQL), and every value that must stop it.
const TARGET = `
  CREATE TABLE conv (
    id SERIAL PRIMARY KEY, kind TEXT NOT NULL,
    b BOOLEAN, i INTEGER, s SMALLINT, big BIGINT, r REAL, d DOUBLE PRECISION,
    j JSONB, ts TIMESTAMP, tz TIMESTAMPTZ, v VARCHAR(5), dt DATE
  );`;

// [kind, column, SQLite value, PostgreSQL expression giving the expected stored value]
const GOOD: [string, string, unknown, string][] = [
  ['bool 1', 'b', 1, 'true'], ['bool 0', 'b', 0, 'false'], ['bool t', 'b', 't', 'true'], ['bool f', 'b', 'f', 'false'],
  ['bool true', 'b', 'true', 'true'], ['bool FALSE', 'b', 'FALSE', 'false'], ['bool 1.0', 'b', 1.0, 'true'],
  ['int max', 'i', 2147483647, '2147483647'], ['int min', 'i', -2147483648, '-2147483648'], ['int text', 'i', ' 42 ', '42'],
  ['smallint', 's', -32768, '-32768'], ['bigint 2^63-1', 'big', 9223372036854775807n, '9223372036854775807'], ['bigint 2^53+1', 'big', 9007199254740993n, '9007199254740993'],
  ['real rounds', 'r', 7.123456789, "'7.123456789'::real"], ['real exact', 'r', 0.5, '0.5'], ['double', 'd', 0.1 + 0.2, "'0.30000000000000004'::float8"],
  ['jsonb object', 'j', '{"b": 1, "a": [true, null, "𝕸"]}', `'{"a": [true, null, "𝕸"], "b": 1}'::jsonb`], ['jsonb 2^64', 'j', '{"n": 18446744073709551616}', `'{"n": 18446744073709551616}'::jsonb`],
  ['jsonb array', 'j', '[1,2]', `'[1,2]'::jsonb`],
  ['ts sqlite', 'ts', '2024-03-01 01:30:05', "'2024-03-01 01:30:05'::timestamp"],
  ['ts millis', 'ts', '2024-03-01 01:30:05.123', "'2024-03-01 01:30:05.123'::timestamp"],
  ['ts T Z', 'ts', '2024-03-01T01:30:05Z', "'2024-03-01 01:30:05'::timestamp"],
  ['ts offset to UTC', 'ts', '2024-03-01T01:30:05+02:00', "'2024-02-28 23:30:05'::timestamp + interval '1 day'"],
  ['ts Go with nanos and offset', 'ts', '2024-03-01 01:30:05.123456789+05:45', "('2024-03-01 01:30:05.123456789+05:45'::timestamptz AT TIME ZONE 'UTC')"],
  ['ts Go negative half-hour offset', 'ts', '2023-12-31 22:00:00.5-03:30', "'2024-01-01 01:30:00.5'::timestamp"],
  ['ts unix seconds', 'ts', 1700000000, "to_timestamp(1700000000) AT TIME ZONE 'UTC'"],
  ['ts unix seconds as text', 'ts', '1700000000', "to_timestamp(1700000000) AT TIME ZONE 'UTC'"],
  ['tz Go offset', 'tz', '2024-03-01 01:30:05.123456789+05:45', "'2024-03-01 01:30:05.123457+05:45'::timestamptz"],
  ['varchar fits (characters, not bytes)', 'v', 'é𝕸abc', "'é𝕸abc'"],
  ['date', 'dt', '2024-02-29', "'2024-02-29'::date"],
];

const BAD: [string, string, unknown, RegExp][] = [
  ['bool yes-ish', 'b', 'yes-ish', /not a boolean/],
  ['bool 2', 'b', 2, /not a boolean/],
  ['int over', 'i', 2147483648, /out of range/],
  ['smallint over', 's', 32768, /out of range/],
  ['int text', 'i', 'nineteen-eighty', /text .* in an integer column/],
  ['int fraction', 'i', 1.5, /fractional/],
  ['real overflow', 'r', 1e39, /out of range for real/],
  ['jsonb broken', 'j', '{broken json', /invalid JSON/],
  ['jsonb NUL', 'j', '{"note": "\\u0000"}', /jsonb cannot store/],
  ['ts not a date', 'ts', 'not-a-date', /not a date/],
  ['ts Feb 30', 'ts', '2024-02-30 10:00:00', /no such day/],
  ['ts 25 hours', 'ts', '2024-02-10 25:61:00', /no such time/],
  ['varchar too long', 'v', 'abcdef', /do not fit varchar\(5\)/],
  ['date with time', 'dt', '2024-02-29 10:00:00', /time of day/],
];

let dir: string;
const db = useScratchDatabase('do_conv');

function sqliteWith(name: string, rows: [string, string, unknown][]): string {
  const path = join(dir, name);
  const Database = loadBetterSqlite3();
  const s = new Database(path);
  s.exec('CREATE TABLE conv (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, b BOOLEAN, i INTEGER, s INTEGER, big INTEGER, r REAL, d REAL, j TEXT, ts DATETIME, tz DATETIME, v TEXT, dt DATE)');
  for (const [kind, column, value] of rows) s.prepare(`INSERT INTO conv (kind, ${column}) VALUES (?, ?)`).run(kind, value);
  s.close();
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-conv-'));
  await db.client.query(TARGET);
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('data-only conversions into existing column types', () => {
  it('converts every accepted form exactly as PostgreSQL reads it, and verifies', async () => {
    const source = sqliteWith('good.sqlite', GOOD.map(([k, c, v]) => [k, c, v]));
    const result = await migrateSqliteToPg({ source, target: db.url, dataOnly: true, existingRows: 'truncate' });
    expect(result.verification?.ok).toBe(true);
    expect(result.report.rounded).toEqual([expect.objectContaining({ column: 'r', count: 1 })]);
    const c = await db.connect();
    try {
      for (const [kind, column, , expected] of GOOD) {
        const { rows } = await c.query<{ ok: boolean; got: string }>(`SELECT ${column} IS NOT DISTINCT FROM (${expected}) AS ok, ${column}::text AS got FROM conv WHERE kind = $1`, [kind]);
        expect(rows[0]?.ok, `${kind}: got ${rows[0]?.got}`).toBe(true);
      }
    } finally {
      await c.end();
    }
  });

  it('names table, column, rowid and value of every value that cannot convert, and loads nothing', async () => {
    const source = sqliteWith('bad.sqlite', BAD.map(([k, c, v]) => [k, c, v]));
    const err = await migrateSqliteToPg({ source, target: db.url, dataOnly: true, existingRows: 'truncate' }).catch((e: unknown) => e as { code: string; details: { report: { badValues: { row: number; column: string; reason: string }[] } } });
    expect(err).toMatchObject({ code: 'PLAN_DATA_ONLY_BLOCKED' });
    const bad = err.details.report.badValues;
    expect(bad).toHaveLength(BAD.length);
    BAD.forEach(([kind, column, , reason], i) => {
      expect(bad[i], kind).toMatchObject({ row: i + 1, column });
      expect(bad[i]!.reason, kind).toMatch(reason);
    });
    // The earlier load is still there, untouched: nothing was truncated.
    const c = await db.connect();
    try {
      expect(Number((await c.query('SELECT count(*) AS n FROM conv')).rows[0].n)).toBe(GOOD.length);
    } finally {
      await c.end();
    }
  });
});
