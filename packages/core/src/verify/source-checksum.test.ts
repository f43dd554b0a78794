import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CatdbError } from '../errors.js';
import { renderSqlCanonicalQuery } from './render-sql-canonical.js';
import { sourceChecksum } from './source-checksum.js';
import { sqliteChecksum } from './sqlite-checksum.js';

/** A table whose rowids run from `ids[0]` on, one row per id. */
function table(ids: readonly bigint[]): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, v TEXT)');
  const ins = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
  db.transaction(() => ids.forEach((id, i) => ins.run(id, i * 7, `row ${i}`)))();
  return db;
}

const query = renderSqlCanonicalQuery('t', [
  { source: 'id', kind: 'integer', notNull: true },
  { source: 'n', kind: 'integer' },
  { source: 'v', kind: 'text' },
])!;
const dense = (n: number, from = 1n): bigint[] => Array.from({ length: n }, (_, i) => from + BigInt(i));

describe('sourceChecksum on this thread', () => {
  it.each<[string, bigint[]]>([
    ['a small table: one piece', dense(1000)],
    ['a dense table of several pieces', dense(180_000)],
    ['rowids spread up to 2^62, capped pieces', [...dense(2000, -(2n ** 62n)), ...dense(2000), ...dense(2000, 2n ** 62n)]],
  ])('%s: the same sum as one scan', async (_what, ids) => {
    const db = table(ids);
    expect(await sourceChecksum(db, 't', query, 'lookup3')).toEqual(sqliteChecksum(db, query, 'lookup3'));
    expect((await sourceChecksum(db, 't', query, 'md5'))?.count).toBe(ids.length);
    db.close();
  });

  it('stops between pieces when the signal fires', async () => {
    const db = table(dense(180_000));
    const controller = new AbortController();
    const running = sourceChecksum(db, 't', query, 'lookup3', undefined, controller.signal);
    controller.abort();
    await expect(running).rejects.toSatisfy((err) => err instanceof CatdbError && err.code === 'ABORTED');
    db.close();
  });
});
