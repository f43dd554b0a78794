import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { columnCodecs } from './column-codec.js';
import { LARGE_VALUE_BYTES, planLargeValues } from './large-values.js';
import { walkLargeRows, type LargeRow } from './walk-large-rows.js';

const db = new Database(':memory:');
const huge = randomBytes(LARGE_VALUE_BYTES + 1000);
db.exec('CREATE TABLE media (id INTEGER PRIMARY KEY, n INTEGER, data BLOB)');
const insert = db.prepare('INSERT INTO media VALUES (?, ?, ?)');
insert.run(1, 5, huge);
insert.run(2, 'not a number', huge);
insert.run(3, 7, Buffer.from('tiny'));
insert.run(4, null, null);

const codecs = columnCodecs([
  { source: 'n', target: 'n', kind: 'integer', pgType: 'bigint' },
  { source: 'data', target: 'data', kind: 'bytea', pgType: 'bytea' },
]);

async function walk(list = codecs): Promise<LargeRow[]> {
  const plan = planLargeValues(db, 'media', { kind: 'rowid' }, list);
  if (!plan) throw new Error('expected a plan: the table holds a value above LARGE_VALUE_BYTES');
  const rows: LargeRow[] = [];
  for await (const row of walkLargeRows(db, { table: 'media', readKey: { kind: 'rowid' }, codecs: list }, plan)) rows.push(row);
  return rows;
}

describe('walkLargeRows', () => {
  it('gives canonical text, NULLs and huge values read in slices, and the rejected value of a row instead of its fields', async () => {
    const rows = await walk();
    expect(rows.map((r) => r.key)).toEqual([1, 2, 3, 4]);
    const [first, second, third, fourth] = rows;
    if (!first || !('fields' in first)) throw new Error('row 1 should carry');
    expect(first.fields[0]).toBe('5');
    const value = first.fields[1];
    if (typeof value !== 'object' || value === null) throw new Error('row 1 holds a huge value');
    expect([...value.hexSlices()].join('')).toBe(huge.toString('hex'));
    expect(second && 'rejected' in second && [second.rejected.codec.source, second.rejected.error.reason]).toEqual(['n', 'text "not a number" in an integer column']);
    expect(third && 'fields' in third && third.fields).toEqual(['7', Buffer.from('tiny').toString('hex')]);
    expect(fourth && 'fields' in fourth && fourth.fields).toEqual([null, null]);
  });

  it('rejects a NULL in a NOT NULL column as the row encoder does', async () => {
    const strict = columnCodecs([
      { source: 'n', target: 'n', kind: 'integer', pgType: 'bigint', notNull: true },
      { source: 'data', target: 'data', kind: 'bytea', pgType: 'bytea' },
    ]);
    const rows = await walk(strict);
    const last = rows[3];
    expect(last && 'rejected' in last && last.rejected.error.reason).toBe('NULL in a NOT NULL (primary key) column');
  });
});
