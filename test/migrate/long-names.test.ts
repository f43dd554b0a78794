import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../support/core-internals.js';
import { expectError, expectResult, migrateOrError } from '../support/migrate-or-error.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';
import { planSqliteMigration } from '@catdb/core';

// Table and column names of 63+ bytes of multibyte text: PostgreSQL keeps 63 bytes of a name,
// so every name catdb derives from them (keys, constraints, indexes, sequences) must be cut by
// bytes, on a character boundary, and stay distinct.
const files = scratchDir('catdb-long-names-');
const pg = useScratchDatabase('longnames');
let source: string;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const q = (name: string): string => quoteIdent(name);
// 29 letters of 2 bytes: the two child tables share their first 58 bytes, and so every name
// PostgreSQL or catdb would derive from them by cutting (`…_pkey`, `…_id_seq`).
const prefix = 'таблица'.repeat(4) + 'т';
const child1 = `${prefix}_первая_дочерняя`;
const child2 = `${prefix}_вторая_дочерняя`;
const parent = 'родительская_'.repeat(5);
// An emoji (4 bytes) that crosses byte 63 of the name.
const emojiColumn = 'ж'.repeat(30) + '\u{1F600}' + '_код';
const nameColumn = 'наименование_'.repeat(4);
const refColumn = 'ссылка_на_родителя_'.repeat(3);

beforeAll(async () => {
  for (const name of [child1, child2, parent, emojiColumn, nameColumn, refColumn]) expect(bytes(name)).toBeGreaterThan(63);
  source = writeSqlite(files.path('long.db'), (db) => {
    db.exec(`
      CREATE TABLE ${q(parent)} (id INTEGER PRIMARY KEY, ${q(nameColumn)} TEXT NOT NULL UNIQUE);
      INSERT INTO ${q(parent)} VALUES (1, 'один'), (2, 'два');`);
    for (const child of [child1, child2]) {
      db.exec(`
        CREATE TABLE ${q(child)} (
          id INTEGER PRIMARY KEY,
          ${q(refColumn)} INTEGER NOT NULL REFERENCES ${q(parent)}(id),
          ${q(emojiColumn)} TEXT,
          ${q(nameColumn)} TEXT,
          UNIQUE (${q(emojiColumn)}),
          CHECK (length(${q(nameColumn)}) < 50)
        );
        CREATE INDEX ${q(child + '_индекс_по_ссылке')} ON ${q(child)} (${q(refColumn)});
        CREATE INDEX ${q(child + '_индекс_по_наименованию')} ON ${q(child)} (${q(nameColumn)});
        INSERT INTO ${q(child)} VALUES (1, 1, 'а', 'x'), (2, 2, 'б', 'y'), (7, 1, NULL, NULL);`);
    }
  });
});
afterAll(() => files.remove());

describe('names of 63+ bytes of multibyte text', () => {
  it('migrate with every key, constraint, index and sequence under the exact name planned', async () => {
    const schema = 'long_names';
    const plan = planSqliteMigration({ source, schema });
    const planned = plan.postLoad.filter((s) => s.phase !== 'sequence').map((s) => s.name);
    // The parent's key and unique constraint; per child a key, a unique constraint, two indexes, a check, a foreign key.
    expect(planned).toHaveLength(2 + 2 * 6);
    expect(new Set(planned).size).toBe(planned.length);
    for (const name of planned) expect(bytes(name), name).toBeLessThanOrEqual(63);

    const result = expectResult(await migrateOrError({ source, target: pg.url, schema }));
    expect(result.verification?.ok).toBe(true);
    expect(result.warnings).toEqual([]);

    // Every planned name exists as planned: none was cut again by the server into another.
    const existing = await pg.client.query<{ name: string; kind: string }>(
      `SELECT conname AS name, contype::text AS kind FROM pg_constraint WHERE connamespace = $1::regnamespace AND convalidated
       UNION ALL SELECT relname, 'index' FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'i'
       UNION ALL SELECT relname, 'sequence' FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'S'`,
      [schema],
    );
    const names = new Set(existing.rows.map((r) => r.name));
    for (const name of planned) expect(names.has(name), name).toBe(true);
    const kinds = existing.rows.map((r) => r.kind).sort();
    expect(kinds.filter((k) => k === 'p')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'u')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'f')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'c')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'sequence')).toHaveLength(3);

    // The two child tables' sequences would both be `<58 bytes>_id_seq`: one has another name, and both work.
    await pg.client.query(`SET search_path = ${q(schema)}`);
    const t1 = plan.tables.find((t) => t.source === child1)!.target;
    const t2 = plan.tables.find((t) => t.source === child2)!.target;
    const sequences = await pg.client.query<{ s: string }>(`SELECT pg_get_serial_sequence($1, 'id') AS s UNION ALL SELECT pg_get_serial_sequence($2, 'id')`, [q(schema) + '.' + q(t1), q(schema) + '.' + q(t2)]);
    expect(new Set(sequences.rows.map((r) => r.s)).size).toBe(2);
    const column = (source: string): string => plan.tables.find((t) => t.source === child1)!.columns.find((c) => c.source === source)!.target;
    const ref = column(refColumn);
    for (const t of [t1, t2]) {
      const added = await pg.client.query<{ id: number }>(`INSERT INTO ${q(t)} (${q(ref)}) VALUES (2) RETURNING id`);
      expect(added.rows[0]!.id).toBe(8);
      // The keys hold: a missing parent, a duplicate and a failing check are refused.
      await expect(pg.client.query(`INSERT INTO ${q(t)} (${q(ref)}) VALUES (99)`)).rejects.toMatchObject({ code: '23503' });
      await expect(pg.client.query(`INSERT INTO ${q(t)} (id, ${q(ref)}) VALUES (1, 1)`)).rejects.toMatchObject({ code: '23505' });
      await expect(pg.client.query(`INSERT INTO ${q(t)} (${q(ref)}, ${q(column(nameColumn))}) VALUES (1, repeat('x', 60))`)).rejects.toMatchObject({ code: '23514' });
    }
    await pg.client.query('RESET search_path');
  });

  it('a name taken in the target by an object catdb did not plan is reported naming both', async () => {
    const schema = 'long_names_taken';
    const plan = planSqliteMigration({ source, schema });
    const index = plan.postLoad.find((s) => s.phase === 'primary-key' && s.table === plan.tables.find((t) => t.source === parent)!.target)!;
    await pg.client.query(`CREATE SCHEMA ${q(schema)}`);
    await pg.client.query(`CREATE SEQUENCE ${q(schema)}.${q(index.name)}`);
    const err = expectError(await migrateOrError({ source, target: pg.url, schema }));
    expect(err.code).toBe('PG_DDL_FAILED');
    expect(err.message).toContain(`the primary key "${index.name}" of table "${index.table}" cannot take its name: sequence "${index.name}" in schema "${schema}" already has it`);
    expect(err.hint).toMatch(/did not create/);
    expect(err.hint).not.toMatch(/duplicates/);
  });
});
