import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogizerDb } from '../../fixtures/catalogizer/generate-catalogizer.js';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { catalogizerTarget } from '../support/catalogizer-target.js';
import { type PgClient, quoteIdent } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { scratchDatabaseFactory, withConnection as withClient } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// sqlite_sequence as applications leave it: rows of 0 for tables that never kept a row (seed
// rows inserted and deleted, or `UPDATE sqlite_sequence SET seq = 0`, the "reset the counter"
// idiom), rows of tables that were dropped or are left out, a name twice, a seq that is text.
// Catalogizer's schema-v20 database ships like that; setval(0) is below a sequence's minimum.
const V20_EMPTY = fileURLToPath(new URL('../../fixtures/catalogizer/catalogizer-schema-v20-empty.sqlite', import.meta.url));
const files = scratchDir('catdb-seq-');
const freshDatabase = scratchDatabaseFactory();
afterAll(() => files.remove());


/** The id each table's next INSERT gets from its sequence, and max(id). Each sequence moves on by one (nextval is not transactional). */
async function nextIds(c: PgClient, schema = 'public'): Promise<Record<string, { next: bigint; max: bigint | null }>> {
  const { rows } = await c.query<{ table: string; column: string; seq: string }>(
    `SELECT t.relname AS table, a.attname AS column, s.oid::regclass::text AS seq FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE d.deptype IN ('a', 'i') AND t.relnamespace = $1::regnamespace ORDER BY 1`,
    [schema],
  );
  const out: Record<string, { next: bigint; max: bigint | null }> = {};
  await c.query('BEGIN');
  try {
    for (const r of rows) {
      const { rows: v } = await c.query<{ next: string; max: string | null }>(
        `SELECT nextval($1::regclass)::text AS next, (SELECT max(${quoteIdent(r.column)})::text FROM ${quoteIdent(schema)}.${quoteIdent(r.table)}) AS max`,
        [r.seq],
      );
      out[r.table] = { next: BigInt(v[0]!.next), max: v[0]!.max === null ? null : BigInt(v[0]!.max) };
    }
  } finally {
    await c.query('ROLLBACK');
  }
  return out;
}

/** The id SQLite itself hands out next in each table (an INSERT into a throwaway copy). */
function sqliteNextIds(file: string, tables: readonly string[]): Record<string, bigint> {
  const copy = files.path(`next-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(file, copy);
  const db = new (loadBetterSqlite3())(copy);
  try {
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`INSERT INTO ${quoteIdent(t)} DEFAULT VALUES`).safeIntegers(true).run().lastInsertRowid as bigint]));
  } finally {
    db.close();
  }
}

describe('sqlite_sequence as applications leave it', () => {
  const TABLES = ['reset_empty', 'kept_empty', 'reset_full', 'negative', 'texty'];
  let file: string;
  beforeAll(() => {
    file = writeSqlite(files.path('seq.db'), (db) => {
      for (const t of [...TABLES, 'excluded', 'gone']) db.exec(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)`);
      db.exec(`
        INSERT INTO reset_empty (v) VALUES ('seed'); DELETE FROM reset_empty;
        INSERT INTO kept_empty (id, v) VALUES (17, 'seed'); DELETE FROM kept_empty;
        INSERT INTO reset_full (v) VALUES ('a'), ('b'), ('c');
        INSERT INTO negative (id, v) VALUES (-3, 'a'), (-1, 'b');
        INSERT INTO texty (v) VALUES ('a'), ('b');
        INSERT INTO excluded (id, v) VALUES (99, 'x');
        INSERT INTO gone (id, v) VALUES (42, 'x');
        UPDATE sqlite_sequence SET seq = 0 WHERE name IN ('reset_empty', 'reset_full', 'negative');
        UPDATE sqlite_sequence SET seq = 'abc' WHERE name = 'texty';
        DROP TABLE gone;
        INSERT INTO sqlite_sequence VALUES ('gone', 42), ('kept_empty', 12);
      `);
    });
  });

  it('full migration: exit 0, verify passes, every next id is the one SQLite would hand out', async () => {
    const db = await freshDatabase('seqfull');
    const run = await runCli(['migrate', 'sqlite-to-pg', file, '--to', db.url, '--exclude', 'excluded', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const verify = await runCli(['migrate', 'verify', file, '--to', db.url, '--exclude', 'excluded']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const next = await withClient(db, (c) => nextIds(c));
    const sqlite = sqliteNextIds(file, TABLES);
    expect(Object.fromEntries(Object.entries(next).map(([t, v]) => [t, v.next]))).toEqual(sqlite);
  });

  it('ids of 0 and below load on the value-by-value path too (a serial column is an integer)', async () => {
    const db = await freshDatabase('seqneg');
    const run = await runCli(['migrate', 'sqlite-to-pg', file, '--to', db.url, '--include', 'negative', '--on-error', 'skip-row', '--reject-dir', files.path('rejects'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.events.find((e) => e.type === 'summary')).toMatchObject({ rows: 2, rejected: 0 });
    expect(await withClient(db, async (c) => (await c.query('SELECT id FROM negative ORDER BY id')).rows)).toEqual([{ id: -3 }, { id: -1 }]);
  });

  it('--data-only into tables the application made: exit 0, every next id is the one SQLite would hand out', async () => {
    const db = await freshDatabase('seqdata');
    await withClient(db, (c) => c.query(TABLES.map((t) => `CREATE TABLE ${t} (id serial PRIMARY KEY, v text);`).join('\n')));
    const run = await runCli(['migrate', 'sqlite-to-pg', file, '--to', db.url, '--data-only', '--exclude', 'excluded', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const resets = Object.fromEntries(run.events.filter((e) => e.type === 'sequence-reset').map((e) => [e.table, e.value]));
    // A fresh sequence already hands out the first id an empty table with seq 0 would get.
    expect(resets.reset_empty).toBeNull();
    const next = await withClient(db, (c) => nextIds(c));
    const sqlite = sqliteNextIds(file, TABLES);
    expect(Object.fromEntries(Object.entries(next).map(([t, v]) => [t, v.next]))).toEqual(sqlite);
  });
});

describe("Catalogizer's schema-v20 database", () => {
  it('loads with --data-only into the schema its PostgreSQL migrations create; the next INSERT without an id works', async () => {
    const db = await catalogizerTarget('v20data', freshDatabase);
    const run = await runCli(['migrate', 'sqlite-to-pg', V20_EMPTY, '--to', db.url, '--data-only', '--json']);
    expect(run.code, run.stderr).toBe(0);
    await withClient(db, async (c) => {
      const { rows } = await c.query<{ id: number }>("INSERT INTO roles (name, description) VALUES ('Editor', 'added after the load') RETURNING id");
      expect(rows[0]!.id).toBe(3);
      const next = await nextIds(c);
      expect(Object.keys(next).length).toBeGreaterThan(40);
      for (const [table, { next: id, max }] of Object.entries(next)) expect(id, table).toBe(max === null ? 1n : max + 1n);
    });
  });

  it('loads a populated database whose emptied tables were reset to 0 in sqlite_sequence', async () => {
    const path = files.path('populated.sqlite');
    generateCatalogizerDb({ path, mediaItems: 150, seed: 20 });
    const sqlite = new (loadBetterSqlite3())(path);
    let sequences: Record<string, bigint>;
    let emptied: string[];
    try {
      // Tables no foreign key points at, emptied the way an app prunes them, then the counter reset.
      emptied = (
        sqlite
          .prepare(
            `SELECT s.name FROM sqlite_sequence s WHERE s.seq > 0 AND NOT EXISTS (SELECT 1 FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = s.name) ORDER BY 1 LIMIT 3`,
          )
          .pluck()
          .all() as string[]
      );
      for (const t of emptied) sqlite.exec(`DELETE FROM ${quoteIdent(t)}; UPDATE sqlite_sequence SET seq = 0 WHERE name = '${t}'`);
      sqlite.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('table_dropped_in_v12', 0)").run();
      sequences = Object.fromEntries((sqlite.prepare('SELECT name, seq FROM sqlite_sequence').safeIntegers(true).raw().all() as [string, bigint][]));
    } finally {
      sqlite.close();
    }
    expect(emptied).toHaveLength(3);
    const db = await catalogizerTarget('popdata', freshDatabase);
    const run = await runCli(['migrate', 'sqlite-to-pg', path, '--to', db.url, '--data-only', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const next = await withClient(db, (c) => nextIds(c));
    for (const t of emptied) expect(next[t], t).toEqual({ next: 1n, max: null });
    for (const [table, { next: id, max }] of Object.entries(next)) {
      const floor = [max ?? 0n, sequences[table] ?? 0n].reduce((a, b) => (a > b ? a : b));
      expect(id, table).toBe(floor + 1n);
    }
  });

  it('migrates whole (schema and data) with exit 0, and verify passes', async () => {
    const db = await freshDatabase('v20full');
    const run = await runCli(['migrate', 'sqlite-to-pg', V20_EMPTY, '--to', db.url, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const verify = await runCli(['migrate', 'verify', V20_EMPTY, '--to', db.url]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const next = await withClient(db, (c) => nextIds(c));
    expect(next.media_subtitles?.next).toBe(1n);
    expect(next.roles?.next).toBe(3n);
    // Its three triggers work: an UPDATE moves updated_at, and completed_at on completion.
    const moved = await withClient(db, async (c) => {
      // The row needs no parent file for this: foreign-key checks are off while it is written.
      await c.query(`SET session_replication_role = replica`);
      await c.query(`INSERT INTO subtitle_sync_status (media_item_id, subtitle_id, operation, updated_at) VALUES (1, 's', 'sync', '2020-01-01 00:00:00+00')`);
      await c.query(`SET session_replication_role = origin`);
      await c.query(`UPDATE subtitle_sync_status SET status = 'completed'`);
      return (await c.query(`SELECT updated_at > '2021-01-01' AS moved, completed_at IS NOT NULL AS completed FROM subtitle_sync_status`)).rows;
    });
    expect(moved).toEqual([{ moved: true, completed: true }]);
  });
});
