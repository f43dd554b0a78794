import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readSqlChunks } from './read-sql-chunks.js';
import { renderSqlCopyChunkQueries } from '../copy/render-sql-copy-expression.js';

const db = new Database(':memory:');

function lines(queries: NonNullable<ReturnType<typeof renderSqlCopyChunkQueries>>, limit: number): { lines: string[]; chunks: number[] } {
  const chunks = [...readSqlChunks(db, queries, limit)];
  const all = chunks.flatMap((c) => c.data.toString('utf8').split('\n'));
  // Each chunk's row count matches its lines, so the loader's row totals stay right.
  for (const c of chunks) expect(c.data.toString('utf8').split('\n')).toHaveLength(c.n);
  return { lines: all, chunks: chunks.map((c) => c.n) };
}

describe('readSqlChunks', () => {
  const columns = [
    { source: 'k', kind: 'text' as const },
    { source: 'j', kind: 'integer' as const },
    { source: 'n', kind: 'integer' as const },
  ];

  // 7 rows a chunk: tables that end exactly at a chunk's end, one row short of it, one past it.
  it.each([0, 1, 6, 7, 8, 14, 50])('reads every row of a WITHOUT ROWID table of %i rows once, in key ranges', (count) => {
    db.exec('DROP TABLE IF EXISTS kv; CREATE TABLE kv (k TEXT NOT NULL, j INTEGER NOT NULL, n INTEGER, PRIMARY KEY (k, j)) WITHOUT ROWID');
    const insert = db.prepare('INSERT INTO kv VALUES (?,?,?)');
    for (let i = 0; i < count; i++) insert.run(`k${i % 3}`, i, i % 4 ? i : null);
    const queries = renderSqlCopyChunkQueries('kv', columns, ['k', 'j'])!;
    expect('keyed' in queries).toBe(true);
    const read = lines(queries, 7);
    const expected = Array.from({ length: count }, (_, i) => `"k${i % 3}",${i},${i % 4 ? i : ''}`);
    expect([...read.lines].sort()).toEqual(expected.sort());
    expect(read.chunks.reduce((a, b) => a + b, 0)).toBe(count);
    expect(read.chunks.every((n) => n <= 7)).toBe(true);
  });

  it('pages a rowid table by rowid, past 2^53 too', () => {
    db.exec('DROP TABLE IF EXISTS r; CREATE TABLE r (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare('INSERT INTO r VALUES (?,?)');
    const ids = [1n, 2n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 62n];
    for (const id of ids) insert.run(id, `v${id}`);
    const queries = renderSqlCopyChunkQueries('r', [{ source: 'id', kind: 'integer', rowid: true }, { source: 'v', kind: 'text' }], ['rowid'])!;
    expect(lines(queries, 2).lines).toEqual(ids.map((id) => `${id},"v${id}"`));
  });
});
