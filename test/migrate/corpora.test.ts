import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateSqliteToPg, CatdbError } from '@catdb/core';
import { quoteIdent, openSqlite, introspectSqlite } from '../support/core-internals.js';
import { scratchDatabaseFactory, type ScratchDatabase } from '../support/scratch-database.js';
import { corpusFiles, STRICT_FAILURES } from '../support/corpora.js';

const freshDatabase = scratchDatabaseFactory();

const freshTarget = (): Promise<ScratchDatabase> => freshDatabase('corpus');

describe.each(corpusFiles())('corpus %s', (file) => {
  it('migrates with default options, creates every planned object, verifies, and sets every sequence past max(id)', async () => {
    const target = await freshTarget();
    // Default options: an incomplete schema would throw MIGRATION_INCOMPLETE_SCHEMA; the checksums compare every value.
    const result = await migrateSqliteToPg({ source: file, target: target.url, jobs: 2 });
    expect(result.verification?.ok).toBe(true);
    expect(result.rejected).toBe(0);

    const sqlite = openSqlite(file);
    const schema = introspectSqlite(sqlite, file);
    sqlite.close();
    expect(result.tables.map((t) => t.table).sort()).toEqual(schema.tables.map((t) => t.name).sort());
    for (const t of schema.tables) expect(result.tables.find((r) => r.table === t.name)!.rows, t.name).toBe(t.rowCount);

    const client = await target.connect();
    try {
      for (const t of result.plan.tables.filter((x) => x.serialColumn)) {
        const col = t.serialColumn!.target;
        const { rows } = await client.query<{ max: string | null; next: string }>(
          `SELECT (SELECT max(${quoteIdent(col)})::text FROM ${quoteIdent(t.target)}) AS max, nextval(pg_get_serial_sequence($1, $2))::text AS next`,
          [quoteIdent(t.target), col],
        );
        const row = rows[0]!;
        const max = BigInt(row.max ?? '0');
        const seq = t.serialColumn!.sqliteSequence ?? 0n;
        const floor = max > seq ? max : seq;
        // The app's next INSERT takes nextval(): it must be above every id ever handed out.
        const next = BigInt(row.next);
        expect(next > floor, `${t.target}: next id ${next} must exceed ${floor}`).toBe(true);
      }
    } finally {
      await client.end();
    }
  });
});

describe.each(Object.entries(STRICT_FAILURES))('%s with --strict-types', (name, code) => {
  it(`fails with ${code}, names the culprit, and leaves no table behind`, async () => {
    const target = await freshTarget();
    const file = corpusFiles().find((f) => basename(f) === name)!;
    const err = await migrateSqliteToPg({ source: file, target: target.url, strictTypes: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CatdbError);
    expect((err as CatdbError).code).toBe(code);
    expect((err as CatdbError).hint).toBeTruthy();
    const client = await target.connect();
    try {
      // A plan problem stops before any change.
      const { rows } = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

describe('the corpora that used to stop, by default', () => {
  it('a TEXT column holding a BLOB that is not UTF-8 becomes bytea, every value its stored bytes', async () => {
    const target = await freshTarget();
    const file = corpusFiles().find((f) => basename(f) === 'pgloader__bad-utf8.db')!;
    const result = await migrateSqliteToPg({ source: file, target: target.url });
    expect(result.plan.decisions.map((d) => [d.table, d.column, d.pgType, d.cast])).toEqual([['files', 'filename', 'bytea', "--cast 'column files.filename to bytea'"]]);
    const sqlite = openSqlite(file);
    const expected = (sqlite.prepare('SELECT id, hex(CAST(filename AS BLOB)) AS hex FROM files ORDER BY id').all() as { id: number; hex: string }[]).map((r) => [String(r.id), r.hex]);
    sqlite.close();
    const client = await target.connect();
    try {
      const { rows } = await client.query<{ id: string; hex: string }>('SELECT id::text, upper(encode(filename, \'hex\')) AS hex FROM files ORDER BY id');
      expect(rows.map((r) => [r.id, r.hex])).toEqual(expected);
    } finally {
      await client.end();
    }
  });

  it('two column names equal in their first 63 bytes both arrive, the second numbered, with their values', async () => {
    const target = await freshTarget();
    const file = corpusFiles().find((f) => basename(f) === 'pgloader__collision.db')!;
    const result = await migrateSqliteToPg({ source: file, target: target.url });
    const renamed = result.warnings.filter((w) => w.message.includes('equal in their first 63 bytes'));
    expect(renamed.map((w) => w.object)).toEqual(['products.col_very_long_name_that_exceeds_postgresql_identifier_limit_aaay']);
    const sqlite = openSqlite(file);
    const expected = sqlite.prepare('SELECT * FROM products ORDER BY id').raw(true).all() as unknown[][];
    sqlite.close();
    const columns = result.plan.tables.find((t) => t.source === 'products')!.columns;
    const client = await target.connect();
    try {
      const { rows } = await client.query({ text: `SELECT ${columns.map((c) => quoteIdent(c.target)).join(', ')} FROM products ORDER BY id`, rowMode: 'array' });
      expect(rows.map((r: unknown[]) => r.map(String))).toEqual(expected.map((r) => r.map(String)));
    } finally {
      await client.end();
    }
  });
});

describe('pgloader expectations for its Chinook database', () => {
  it('3503 tracks, 347 albums, 59 customers, 11 primary keys, 11 foreign keys', async () => {
    const target = await freshTarget();
    const file = corpusFiles().find((f) => basename(f) === 'pgloader__Chinook_Sqlite_AutoIncrementPKs.sqlite')!;
    await migrateSqliteToPg({ source: file, target: target.url });
    const client = await target.connect();
    try {
      const count = async (sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
      expect(await count('SELECT count(*)::text AS n FROM track')).toBe(3503);
      expect(await count('SELECT count(*)::text AS n FROM album')).toBe(347);
      expect(await count('SELECT count(*)::text AS n FROM customer')).toBe(59);
      expect(await count("SELECT count(*)::text AS n FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND contype = 'p'")).toBe(11);
      expect(await count("SELECT count(*)::text AS n FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND contype = 'f'")).toBe(11);
    } finally {
      await client.end();
    }
  });
});

describe('--identifiers preserve into another schema', () => {
  it('keeps case, and the views resolve their tables in that schema', async () => {
    const target = await freshTarget();
    const file = corpusFiles().find((f) => basename(f) === 'dblab__chinook.db')!;
    const result = await migrateSqliteToPg({ source: file, target: target.url, identifiers: 'preserve', schema: 'app' });
    expect(result.verification?.ok).toBe(true);
    expect(result.warnings).toEqual([]);
    const client = await target.connect();
    try {
      const views = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.views WHERE table_schema = 'app' ORDER BY 1");
      expect(views.rows.map((r) => r.table_name)).toEqual(['V_CustomerAndInvoice', 'V_TrackAndArtist']);
      const n = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM app."V_TrackAndArtist"');
      expect(Number(n.rows[0]!.n)).toBe(3503);
    } finally {
      await client.end();
    }
  });
});
