import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { quoteIdent } from '../support/core-internals.js';
import { expectResult, migrateOrError } from '../support/migrate-or-error.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// Random tables within the value contract, migrated for real, read back from PostgreSQL and
// compared value by value with what SQLite holds, independently of catdb's own verification.
const dirs = scratchDir('catdb-prop-');
const pg = useScratchDatabase('prop');
afterAll(() => dirs.remove());

type Declared = 'INTEGER' | 'BIGINT' | 'REAL' | 'DOUBLE' | 'TEXT' | 'VARCHAR(300)' | 'BLOB';
const DECLARED: Declared[] = ['INTEGER', 'BIGINT', 'REAL', 'DOUBLE', 'TEXT', 'VARCHAR(300)', 'BLOB'];

const int64 = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom(-(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 0n));
const float = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(5e-324, Infinity, -Infinity, 0.1, 1e300, -0));
// Text without U+0000 (PostgreSQL cannot store it; that case has its own test).
const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('\t\n\r\\', '𝄞e\u0301שלום')).map((s) => s.replaceAll('\u0000', ''));
const blob = fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a));

function valueFor(t: Declared): fc.Arbitrary<unknown> {
  const v = t === 'INTEGER' || t === 'BIGINT' ? int64 : t === 'REAL' || t === 'DOUBLE' ? float : t === 'BLOB' ? blob : text.map((s) => (t === 'VARCHAR(300)' ? [...s].slice(0, 300).join('') : s));
  return fc.option(v, { nil: null, freq: 5 });
}

const tableArb = fc
  .array(fc.constantFrom(...DECLARED), { minLength: 1, maxLength: 6 })
  .chain((types) => fc.record({ types: fc.constant(types), rows: fc.array(fc.tuple(...types.map(valueFor)), { maxLength: 30 }) }));

let run = 0;
it('what PostgreSQL holds equals what SQLite held, for random tables and values', { timeout: 300_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(tableArb, async ({ types, rows }) => {
      const k = ++run;
      const file = dirs.path(`p${k}.db`);
      const cols = types.map((_, i) => `c${i}`);
      writeSqlite(file, (db) => {
        db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, ${types.map((t, i) => `${cols[i]} ${t}`).join(', ')})`);
        db.defaultSafeIntegers(true);
        const ins = db.prepare(`INSERT INTO t VALUES (?, ${cols.map(() => '?').join(', ')})`);
        rows.forEach((r, i) => ins.run(BigInt(i + 1), ...r));
      });
      // What SQLite holds (REAL affinity turns -0.0 into 0, for instance), read back exactly.
      const Db = loadBetterSqlite3();
      const src = new Db(file, { readonly: true });
      src.defaultSafeIntegers(true);
      const held = src.prepare(`SELECT ${cols.join(', ')} FROM t ORDER BY id`).raw(true).all() as unknown[][];
      src.close();
      const schema = `p${k}`;
      const result = expectResult(await migrateOrError({ source: file, target: pg.url, schema }));
      const kinds = result.plan.tables[0]!.columns.filter((c) => c.source !== 'id');
      const select = kinds
        .map((c) => (c.kind === 'bytea' ? `encode(${quoteIdent(c.target)}, 'hex')` : c.kind === 'integer' || c.kind === 'float' || c.kind === 'numeric' ? `${quoteIdent(c.target)}::text` : quoteIdent(c.target)))
        .join(', ');
      const back = await pg.client.query({ text: `SELECT ${select} FROM ${quoteIdent(schema)}.t ORDER BY id`, rowMode: 'array' });
      expect(back.rows.length).toBe(held.length);
      held.forEach((row, r) => {
        row.forEach((v, i) => {
          const got = (back.rows[r] as unknown[])[i];
          const where = `row ${r + 1} ${cols[i]} ${types[i]} → ${kinds[i]!.pgType}`;
          if (v === null) return expect(got, where).toBeNull();
          if (typeof v === 'bigint') return expect(BigInt(got as string), where).toBe(v);
          if (typeof v === 'number') return expect(Object.is(Number(got), v), `${where}: ${String(got)} vs ${v}`).toBe(true);
          if (Buffer.isBuffer(v)) return expect(got, where).toBe(v.toString('hex'));
          return expect(got, where).toBe(v);
        });
      });
      await pg.client.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
    }),
    { numRuns: 25, seed: 20261126, endOnFailure: true },
  );
});
