import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { parseCastRule, migrateSqliteToPg, type MigrateResult } from '@catdb/core';
import { type ChecksumAlgorithm, checksumSql, hashBytesExtended, pgRowText, probeLookup3, quoteQualified, renderSqlCanonicalQuery, type SqlCanonicalQuery, sqliteChecksum, wordView } from '../support/core-internals.js';
import { createScratchDatabase, useScratchDatabase } from '../support/scratch-database.js';

const Database = loadBetterSqlite3();

// The SQL-side checksum is only worth its speed if SQLite's canonical text hashes to
// exactly what PostgreSQL computes over the migrated rows: checked here against the
// real server, for every read path (chunked, chunk re-read with JavaScript floats,
// one row at a time, rowid ranges) and both hash algorithms.
const dir = mkdtempSync(join(tmpdir(), 'catdb-sqlsum-'));
const file = join(dir, 'mixed.sqlite');
const target = useScratchDatabase('sqlsum');
let result: MigrateResult;

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

beforeAll(async () => {
  const rnd = prng(7);
  const db = new Database(file);
  db.exec(`
    CREATE TABLE mixed (id INTEGER PRIMARY KEY, name TEXT, score REAL, flag BOOLEAN, at DATETIME, day DATE, raw BLOB, amount NUMERIC(10,2), big INTEGER NOT NULL);
    CREATE TABLE floats (id INTEGER PRIMARY KEY, simple REAL, hard REAL, loose);
    CREATE TABLE keyed (a TEXT NOT NULL, b INTEGER NOT NULL, v REAL, PRIMARY KEY (a, b)) WITHOUT ROWID;
    CREATE TABLE coded (code TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
  `);
  const texts = ['plain', 'tab\there', 'quote "x", comma', '', '𝄞 é ﻋﺮﺑﻲ', '\\N', 'sep\u001fin text', 'ünïcödé'];
  const mixed = db.prepare('INSERT INTO mixed VALUES (?,?,?,?,?,?,?,?,?)');
  const floats = db.prepare('INSERT INTO floats VALUES (?,?,?,?)');
  db.transaction(() => {
    for (let i = 1; i <= 3000; i++) {
      const dd = String((i % 28) + 1).padStart(2, '0');
      // Every form both fast paths accept: date only, with T or space, Z, 1 to 6 fractional digits, trailing zeros.
      const forms = [
        `2023-12-${dd} 08:30:00`,
        `2024-01-0${(i % 9) + 1}T10:00:0${i % 10}.${String(i % 1000).padStart(3, '0')}Z`,
        `2024-03-${dd}`,
        `2024-04-${dd}T23:59:5${i % 10}Z`,
        `2024-05-${dd} 12:00:00.${String(i * 7).padStart(6, '0').slice(-6)}`,
        `2024-06-${dd}T00:00:00.${'0'.repeat((i % 6) + 1)}`,
        `2024-07-${dd} 00:00:10.${String(i % 10)}0`,
      ];
      const at = forms[i % forms.length]!;
      mixed.run(i, i % 17 === 0 ? null : texts[i % texts.length], i % 13 === 0 ? null : i / 8, i % 2, i % 11 === 0 ? null : at, '2024-02-29', i % 5 === 0 ? Buffer.from([0, i % 256, 255]) : null, Math.round(i * 37) / 100, 2n ** 62n + BigInt(i));
      // `hard` needs 17 digits now and then, so whole chunks are re-read with JavaScript floats.
      floats.run(i, Math.round(rnd() * 1e6) / 1000, i % 500 === 0 ? rnd() * 1e-3 : Math.round(rnd() * 1e4) / 100, i % 7 === 0 ? -0.0 : i % 3 === 0 ? 1e300 : i);
    }
  })();
  const keyed = db.prepare('INSERT INTO keyed VALUES (?,?,?)');
  for (let i = 0; i < 500; i++) keyed.run(`k${i % 13}`, i, i % 3 ? i / 3 : null);
  const coded = db.prepare('INSERT INTO coded VALUES (?,?)');
  for (let i = 0; i < 700; i++) coded.run(`c-${(i * 7919) % 1000}`, i % 5 ? i : null);
  db.close();
  // Untyped, `loose` would become numeric; as double precision it keeps -0.0 apart from 0.
  result = await migrateSqliteToPg({ source: file, target: target.url, casts: [parseCastRule('column floats.loose to double precision')] });
  await target.client.query("SET TimeZone = 'UTC'; SET extra_float_digits = 1");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function queryFor(table: string): SqlCanonicalQuery {
  const t = result.plan.tables.find((x) => x.source === table)!;
  const q = renderSqlCanonicalQuery(
    t.source,
    t.columns.map((c) => ({ source: c.source, kind: c.kind, notNull: c.notNull, ...(c.scale !== undefined ? { scale: c.scale } : {}) })),
    t.readKey,
  );
  expect(q, `${table} has an SQL canonical form`).toBeDefined();
  return q!;
}

async function targetSum(table: string, algorithm: ChecksumAlgorithm): Promise<{ count: number; sum: string }> {
  const t = result.plan.tables.find((x) => x.source === table)!;
  const { rows } = await target.client.query<{ n: string; s: string }>(checksumSql(pgRowText(t.columns), quoteQualified(result.plan.schema, t.target), algorithm));
  return { count: Number(rows[0]!.n), sum: rows[0]!.s };
}

describe('lookup3 row hashes', () => {
  it('hash exactly as hashtextextended(text, 0) on the server, for any length and any UTF-8', async () => {
    const rnd = prng(42);
    const alphabet = ['a', 'Z', '0', ' ', '\u001f', '\u001e', 'é', '€', '𝄞', '物', '\n', '"'];
    const strings = Array.from({ length: 1500 }, (_, i) => Array.from({ length: i % 97 }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''));
    const { rows } = await target.client.query<{ h: string }>('SELECT hashtextextended(s COLLATE "C", 0)::text AS h FROM unnest($1::text[]) WITH ORDINALITY AS u(s, i) ORDER BY i', [strings]);
    const out = { hi: 0, lo: 0 };
    const mine = strings.map((s) => {
      const b = Buffer.from(s, 'utf8');
      hashBytesExtended(b, 0, b.length, out);
      return (BigInt(out.hi) * 4294967296n + BigInt(out.lo)).toString();
    });
    expect(mine).toEqual(rows.map((r) => r.h));
    // Packed into one buffer at odd offsets, as rows of a chunk are: the word reads are unaligned.
    const packed = Buffer.concat(strings.flatMap((s) => [Buffer.from([0x7c]), Buffer.from(s, 'utf8')]));
    const view = wordView(packed);
    let at = 0;
    const inChunk = strings.map((s) => {
      const start = at + 1;
      at = start + Buffer.byteLength(s, 'utf8');
      hashBytesExtended(packed, start, at, out, view);
      return (BigInt(out.hi) * 4294967296n + BigInt(out.lo)).toString();
    });
    expect(inChunk).toEqual(rows.map((r) => r.h));
  });

  it('are used only after the probe agrees with this server', async () => {
    expect(await probeLookup3(target.client)).toBe(true);
  });
});

describe('the SQL-side source checksum', () => {
  const source = () => new Database(file, { readonly: true });

  for (const algorithm of ['lookup3', 'md5'] as const) {
    it(`equals PostgreSQL's over the migrated rows (${algorithm}), chunked and row by row`, async () => {
      const db = source();
      try {
        for (const table of ['mixed', 'floats']) {
          const q = queryFor(table);
          const expected = await targetSum(table, algorithm);
          expect(expected.count).toBe(3000);
          expect(sqliteChecksum(db, q, algorithm), `${table} chunked`).toEqual(expected);
          expect(sqliteChecksum(db, { rowSql: q.rowSql, jsColumns: q.jsColumns }, algorithm), `${table} row by row`).toEqual(expected);
        }
        // WITHOUT ROWID: chunks paged by primary key, of two columns and of one.
        for (const [table, width] of [['keyed', 2], ['coded', 1]] as const) {
          const q = queryFor(table);
          expect(q.chunks?.[0]?.keyWidth).toBe(width);
          const expected = await targetSum(table, algorithm);
          expect(expected.count).toBeGreaterThan(256);
          expect(sqliteChecksum(db, q, algorithm), `${table} chunked`).toEqual(expected);
          expect(sqliteChecksum(db, { rowSql: q.rowSql, jsColumns: q.jsColumns }, algorithm), `${table} row by row`).toEqual(expected);
        }
      } finally {
        db.close();
      }
    });
  }

  it('re-reads a chunk with JavaScript floats where SQLite cannot be sure of the text', async () => {
    const db = source();
    try {
      const q = queryFor('floats');
      expect(q.chunks).toHaveLength(2);
      // The first query alone meets `hard` values it cannot print and gives up…
      expect(sqliteChecksum(db, { ...q, chunks: [q.chunks![0]!] }, 'lookup3')).toBeUndefined();
      // …and the JavaScript re-read of those chunks makes the sum whole and right.
      expect(sqliteChecksum(db, q, 'lookup3')).toEqual(await targetSum('floats', 'lookup3'));
    } finally {
      db.close();
    }
  });

  it('adds up over rowid ranges to the whole-table sum', () => {
    const db = source();
    try {
      const q = queryFor('mixed');
      const whole = sqliteChecksum(db, q, 'lookup3')!;
      const parts = [
        { after: -Infinity, upTo: 1000n },
        { after: 1000n, upTo: 1001n },
        { after: 1001n, upTo: Infinity },
      ].map((range) => sqliteChecksum(db, q, 'lookup3', range)!);
      expect(parts.reduce((n, p) => n + p.count, 0)).toBe(whole.count);
      expect(parts.reduce((t, p) => t + BigInt(p.sum), 0n).toString()).toBe(whole.sum);
      expect(parts[1]!.count).toBe(1);
    } finally {
      db.close();
    }
  });

  it('reads WITHOUT ROWID tables in key ranges that end exactly at the last row, or one short or past it', () => {
    const db = new Database(join(dir, 'ranges.sqlite'));
    try {
      const columns = [
        { source: 'k', kind: 'text' as const, notNull: true },
        { source: 'j', kind: 'integer' as const, notNull: true },
        { source: 'n', kind: 'integer' as const },
      ];
      // 256 rows is exactly the first chunk; larger chunks follow, sized by the bytes read.
      for (const count of [0, 1, 255, 256, 257, 1000]) {
        db.exec(`DROP TABLE IF EXISTS r; CREATE TABLE r (k TEXT NOT NULL, j INTEGER NOT NULL, n INTEGER, PRIMARY KEY (k, j)) WITHOUT ROWID`);
        const insert = db.prepare('INSERT INTO r VALUES (?,?,?)');
        for (let i = 0; i < count; i++) insert.run(`k${i % 3}`, i, i % 4 ? i : null);
        const q = renderSqlCanonicalQuery('r', columns, { kind: 'columns', columns: ['k', 'j'] })!;
        const chunked = sqliteChecksum(db, q, 'lookup3');
        expect(chunked?.count, `${count} rows`).toBe(count);
        expect(chunked, `${count} rows`).toEqual(sqliteChecksum(db, { rowSql: q.rowSql, jsColumns: q.jsColumns }, 'lookup3'));
      }
    } finally {
      db.close();
    }
  });

  it('gives up where a text holds NUL, which separates the rows of a chunk', () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      const ins = db.prepare('INSERT INTO t VALUES (?, ?)');
      for (const [id, v] of [[1, 'a'], [2, ''], [3, 'b\u0000c'], [4, 'd']] as const) ins.run(id, v);
      const q = renderSqlCanonicalQuery('t', [{ source: 'id', kind: 'integer', notNull: true }, { source: 'v', kind: 'text' }])!;
      expect(q.chunks![0]!.jsColumns).toEqual([]);
      expect(sqliteChecksum(db, q, 'lookup3')).toBeUndefined();
      // Without it, the same rows sum as they do one by one.
      db.exec('DELETE FROM t WHERE id = 3');
      const chunked = sqliteChecksum(db, q, 'lookup3');
      expect(chunked).toEqual(sqliteChecksum(db, { rowSql: q.rowSql, jsColumns: q.jsColumns }, 'lookup3'));
      expect(chunked?.count).toBe(3);
    } finally {
      db.close();
    }
  });

  it('changes when one value in the target changes', async () => {
    const before = await targetSum('mixed', 'lookup3');
    const t = quoteQualified(result.plan.schema, 'mixed');
    await target.client.query(`UPDATE ${t} SET name = name || '.' WHERE id = 1500`);
    try {
      const after = await targetSum('mixed', 'lookup3');
      expect(after.count).toBe(before.count);
      expect(after.sum).not.toBe(before.sum);
    } finally {
      await target.client.query(`UPDATE ${t} SET name = left(name, -1) WHERE id = 1500`);
    }
  });
});

describe('verification of a float4 target', () => {
  it('loads doubles into `real` rounded from the double itself (not its 17-digit text), and verifies them', async () => {
    const f = join(dir, 'float4.sqlite');
    const db = new Database(f);
    db.exec('CREATE TABLE m (id INTEGER PRIMARY KEY, v REAL)');
    const ins = db.prepare('INSERT INTO m VALUES (?, ?)');
    const rnd = prng(3);
    db.transaction(() => {
      for (let i = 1; i <= 2000; i++) ins.run(i, rnd() * 1000);
    })();
    db.close();
    const t = await createScratchDatabase('float4');
    try {
      const r = await migrateSqliteToPg({ source: f, target: t.url, casts: [parseCastRule('column m.v to real')] });
      expect(r.plan.tables[0]!.columns.find((c) => c.source === 'v')!.pgType).toBe('real');
      expect(r.verification?.ok).toBe(true);
    } finally {
      await t.drop();
    }
  });
});
