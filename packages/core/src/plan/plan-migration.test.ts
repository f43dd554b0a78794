import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CatdbError } from '../errors.js';
import { introspectSqlite } from '../sqlite/introspect-sqlite.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { profileTable } from '../sqlite/profile-table.js';
import type { MigrationPlan } from './migration-plan.js';
import { planMigration, type PlanOptions } from './plan-migration.js';

/**
 * The plan for a database made by `sql` (in memory), introspected and profiled the way a
 * migration does it: the SQL forms go through SQLite itself, then through the planner.
 */
function planOf(sql: string, options: PlanOptions = {}): MigrationPlan {
  const db = new Database(':memory:');
  try {
    db.exec(sql);
    const schema = introspectSqlite(db as SqliteDatabase, 'app.db');
    return planMigration(schema, new Map(schema.tables.map((t) => [t.name, profileTable(db as SqliteDatabase, t)])), options);
  } finally {
    db.close();
  }
}

/** The plan in a form a reader checks at a glance: columns as DDL fragments, statements as SQL. */
function summary(plan: MigrationPlan): object {
  return {
    tables: Object.fromEntries(
      plan.tables.map((t) => [
        t.target,
        [
          ...t.columns.map((c) => `${c.target} ${c.pgType}${c.notNull ? ' NOT NULL' : ''}${c.defaultSql !== undefined ? ` DEFAULT ${c.defaultSql}` : ''}`),
          ...(t.readKey.kind === 'columns' ? [`read by (${t.readKey.columns.join(', ')})`] : []),
        ],
      ]),
    ),
    postLoad: plan.postLoad.map((s) => s.sql),
    ...(plan.warnings.length ? { warnings: plan.warnings.map((w) => `${w.object}: ${w.message}`) } : {}),
    ...(plan.skipped.length ? { skipped: plan.skipped.map((s) => `${s.name}: ${s.reason}`) } : {}),
    ...(plan.problems.length ? { problems: plan.problems.map((p) => `${p.table}.${p.column}: ${p.message}`) } : {}),
  };
}

const GENERATED = 'generated column migrated as a plain column holding the computed values';

describe('planMigration over the SQL forms real files bring', () => {
  it.each<[string, string, PlanOptions, object]>([
    [
      'comments of both kinds inside CREATE TABLE',
      `CREATE TABLE items ( -- the catalog, (with a parenthesis
         id INTEGER PRIMARY KEY, /* rowid alias, CHECK (no) */
         name TEXT NOT NULL -- , ghost INT
         , qty SMALLINT /* , CHECK (qty > 9) */ CHECK (qty >= 0) -- stock
       )`,
      {},
      {
        tables: { items: ['id serial NOT NULL', 'name text NOT NULL', 'qty smallint'] },
        postLoad: [
          'ALTER TABLE "public"."items" ADD CONSTRAINT "items_pkey" PRIMARY KEY ("id")',
          'ALTER TABLE "public"."items" ADD CONSTRAINT "items_check" CHECK ("qty" >= 0)',
          `SELECT setval(pg_get_serial_sequence('"public"."items"', 'id'), greatest(coalesce((SELECT max("id") FROM "public"."items"), 0), 0, 1), coalesce((SELECT max("id") FROM "public"."items"), 0) > 0 OR 0 > 0)`,
        ],
      },
    ],
    [
      'names quoted in every style, folded to lower case',
      `CREATE TABLE "Order Items" ("Id" INTEGER PRIMARY KEY, [Item Name] TEXT, \`Qty\` INT, 'Note' TEXT, "we""ird" TEXT);
       CREATE INDEX [By Name] ON "Order Items" ([Item Name] DESC)`,
      {},
      {
        tables: { 'order items': ['id serial NOT NULL', 'item name text', 'qty bigint', 'note text', 'we"ird text'] },
        postLoad: [
          'ALTER TABLE "public"."order items" ADD CONSTRAINT "order items_pkey" PRIMARY KEY ("id")',
          'CREATE INDEX "by name" ON "public"."order items" ("item name" DESC)',
          `SELECT setval(pg_get_serial_sequence('"public"."order items"', 'id'), greatest(coalesce((SELECT max("id") FROM "public"."order items"), 0), 0, 1), coalesce((SELECT max("id") FROM "public"."order items"), 0) > 0 OR 0 > 0)`,
        ],
      },
    ],
    [
      'names quoted in every style, kept as written with --identifiers preserve',
      `CREATE TABLE "Order Items" ("Id" INTEGER PRIMARY KEY, [Item Name] TEXT, \`Qty\` INT, 'Note' TEXT)`,
      { identifiers: 'preserve', schema: 'App' },
      {
        tables: { 'Order Items': ['Id serial NOT NULL', 'Item Name text', 'Qty bigint', 'Note text'] },
        postLoad: [
          'ALTER TABLE "App"."Order Items" ADD CONSTRAINT "Order Items_pkey" PRIMARY KEY ("Id")',
          `SELECT setval(pg_get_serial_sequence('"App"."Order Items"', 'Id'), greatest(coalesce((SELECT max("Id") FROM "App"."Order Items"), 0), 0, 1), coalesce((SELECT max("Id") FROM "App"."Order Items"), 0) > 0 OR 0 > 0)`,
        ],
      },
    ],
    [
      'CONSTRAINT names: kept for keys and CHECKs, made up for the rest, never twice',
      `CREATE TABLE a (x INT CONSTRAINT [A Key] PRIMARY KEY, y INT CONSTRAINT positive CHECK (y > 0) CONSTRAINT y_unique UNIQUE);
       CREATE TABLE b (x INT, y INT CONSTRAINT nn NOT NULL CHECK (y <> 0), CONSTRAINT 'Positive' CHECK (x > 0), CONSTRAINT b_to_a FOREIGN KEY (x) REFERENCES a (x))`,
      {},
      {
        tables: { a: ['x bigint NOT NULL', 'y bigint'], b: ['x bigint', 'y bigint NOT NULL'] },
        postLoad: [
          'ALTER TABLE "public"."a" ADD CONSTRAINT "a key" PRIMARY KEY ("x")',
          'ALTER TABLE "public"."a" ADD CONSTRAINT "a_y_key" UNIQUE ("y")',
          'ALTER TABLE "public"."a" ADD CONSTRAINT "positive" CHECK ("y" > 0)',
          'ALTER TABLE "public"."b" ADD CONSTRAINT "b_check" CHECK ("y" <> 0)',
          'ALTER TABLE "public"."b" ADD CONSTRAINT "positive_1" CHECK ("x" > 0)',
          'ALTER TABLE "public"."b" ADD CONSTRAINT "b_x_fkey" FOREIGN KEY ("x") REFERENCES "public"."a" ("x") ON UPDATE NO ACTION ON DELETE NO ACTION',
        ],
      },
    ],
    [
      'generated columns, VIRTUAL and STORED: plain columns with their values, and a warning each',
      `CREATE TABLE g (a INT NOT NULL, b INT GENERATED ALWAYS AS (a * 2) VIRTUAL, c TEXT AS (printf('%d', a)) STORED, d AS (a + 1))`,
      {},
      {
        tables: { g: ['a bigint NOT NULL', 'b bigint', 'c text', 'd text'] },
        postLoad: [],
        warnings: [`g.b: ${GENERATED}`, `g.c: ${GENERATED}`, `g.d: ${GENERATED}`],
      },
    ],
    [
      'STRICT: declared types hold, ANY by what it holds',
      `CREATE TABLE s (id INTEGER PRIMARY KEY, n INT NOT NULL, r REAL, t TEXT, b BLOB, a ANY) STRICT;
       INSERT INTO s (n, r, t, b, a) VALUES (1, 1.5, 'x', x'00', 'text'), (2, 2, 'y', x'01', 3)`,
      {},
      {
        tables: { s: ['id serial NOT NULL', 'n bigint NOT NULL', 'r double precision', 't text', 'b bytea', 'a text'] },
        postLoad: [
          'ALTER TABLE "public"."s" ADD CONSTRAINT "s_pkey" PRIMARY KEY ("id")',
          `SELECT setval(pg_get_serial_sequence('"public"."s"', 'id'), greatest(coalesce((SELECT max("id") FROM "public"."s"), 0), 0, 1), coalesce((SELECT max("id") FROM "public"."s"), 0) > 0 OR 0 > 0)`,
        ],
        warnings: ["s.a: declared ANY (→ numeric) but holds 1 non-numeric text value in a numeric column: migrated as text, which carries every value; --cast 'column s.a to text' pins this, --strict-types stops instead"],
      },
    ],
    [
      'WITHOUT ROWID: read by its key, and an INTEGER PRIMARY KEY that is no rowid is no serial',
      `CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;
       CREATE TABLE n (id INTEGER PRIMARY KEY, label TEXT) WITHOUT ROWID, STRICT`,
      {},
      {
        tables: { kv: ['k text NOT NULL', 'v bytea', 'read by (k)'], n: ['id bigint NOT NULL', 'label text', 'read by (id)'] },
        postLoad: ['ALTER TABLE "public"."kv" ADD CONSTRAINT "kv_pkey" PRIMARY KEY ("k")', 'ALTER TABLE "public"."n" ADD CONSTRAINT "n_pkey" PRIMARY KEY ("id")'],
      },
    ],
    [
      'type names with parentheses, commas and spaces',
      `CREATE TABLE ty (a VARCHAR (255), b NUMERIC(10, 2), c DOUBLE PRECISION, d UNSIGNED BIG INT, e CHARACTER VARYING(20), f "custom type", g, h DECIMAL(+10 , -2), i TIMESTAMP WITHOUT TIME ZONE);
       INSERT INTO ty (a, b, h) VALUES ('x', 12.5, 3)`,
      {},
      {
        tables: { ty: ['a varchar(255)', 'b numeric(10,2)', 'c double precision', 'd bigint', 'e varchar(20)', 'f numeric', 'g text', 'h numeric', 'i timestamp'] },
        postLoad: [],
      },
    ],
    [
      'DEFAULT expressions',
      `CREATE TABLE d (a TEXT DEFAULT 'x, y', b INT DEFAULT (CAST('1' AS INTEGER)), c REAL DEFAULT -1.5, e DATETIME DEFAULT CURRENT_TIMESTAMP,
         f TEXT DEFAULT (strftime('%Y', 'now')), g BLOB DEFAULT x'00ff', h BOOLEAN DEFAULT TRUE, i TEXT DEFAULT 'it''s', j INT DEFAULT +7)`,
      {},
      {
        tables: {
          d: [
            "a text DEFAULT 'x, y'",
            'b bigint',
            'c double precision DEFAULT -1.5',
            'e timestamptz DEFAULT CURRENT_TIMESTAMP',
            "f text DEFAULT to_char((now() AT TIME ZONE 'UTC'), 'YYYY')",
            "g bytea DEFAULT E'\\\\x00ff'::bytea",
            'h boolean DEFAULT true',
            "i text DEFAULT 'it''s'",
            'j bigint DEFAULT 7',
          ],
        },
        postLoad: [],
        // Not carried, and said so: the plan never drops a default silently.
        warnings: ['d.b: default dropped (expression with no PostgreSQL translation)'],
      },
    ],
    [
      'table constraints: composite key, UNIQUE, FOREIGN KEY with actions, CHECK',
      `CREATE TABLE p (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL UNIQUE);
       CREATE TABLE c (p_id INTEGER NOT NULL, pos INT NOT NULL, code TEXT,
         PRIMARY KEY (p_id, pos), UNIQUE (code, pos), FOREIGN KEY (p_id) REFERENCES p ON DELETE CASCADE ON UPDATE SET NULL,
         FOREIGN KEY (code) REFERENCES p (code) DEFERRABLE INITIALLY DEFERRED, CHECK (pos BETWEEN 1 AND 9));
       INSERT INTO p (code) VALUES ('a'), ('b'); DELETE FROM p WHERE code = 'b'`,
      {},
      {
        tables: { p: ['id serial NOT NULL', 'code text NOT NULL'], c: ['p_id integer NOT NULL', 'pos bigint NOT NULL', 'code text'] },
        // Tables in SQLite's order (by name); the sequence floor is sqlite_sequence's 2, past max(id) = 1.
        postLoad: [
          'ALTER TABLE "public"."c" ADD CONSTRAINT "c_pkey" PRIMARY KEY ("p_id", "pos")',
          'ALTER TABLE "public"."c" ADD CONSTRAINT "c_code_pos_key" UNIQUE ("code", "pos")',
          'ALTER TABLE "public"."c" ADD CONSTRAINT "c_check" CHECK ("pos" BETWEEN 1 AND 9)',
          'ALTER TABLE "public"."p" ADD CONSTRAINT "p_pkey" PRIMARY KEY ("id")',
          'ALTER TABLE "public"."p" ADD CONSTRAINT "p_code_key" UNIQUE ("code")',
          'ALTER TABLE "public"."c" ADD CONSTRAINT "c_code_fkey" FOREIGN KEY ("code") REFERENCES "public"."p" ("code") ON UPDATE NO ACTION ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED',
          'ALTER TABLE "public"."c" ADD CONSTRAINT "c_p_id_fkey" FOREIGN KEY ("p_id") REFERENCES "public"."p" ("id") ON UPDATE SET NULL ON DELETE CASCADE',
          `SELECT setval(pg_get_serial_sequence('"public"."p"', 'id'), greatest(coalesce((SELECT max("id") FROM "public"."p"), 0), 2, 1), coalesce((SELECT max("id") FROM "public"."p"), 0) > 0 OR 2 > 0)`,
        ],
      },
    ],
    [
      'DEFERRABLE only where it is written: not from a comment or a string, not for the other keys',
      `CREATE TABLE p (id INTEGER PRIMARY KEY);
       CREATE TABLE c (a INTEGER REFERENCES p DEFERRABLE INITIALLY DEFERRED, b INTEGER REFERENCES p /* DEFERRABLE INITIALLY DEFERRED */, n TEXT DEFAULT 'DEFERRABLE INITIALLY DEFERRED',
         d INTEGER, FOREIGN KEY (d) REFERENCES p NOT DEFERRABLE INITIALLY IMMEDIATE)`,
      {},
      {
        tables: { p: ['id serial NOT NULL'], c: ['a integer', 'b integer', "n text DEFAULT 'DEFERRABLE INITIALLY DEFERRED'", 'd integer'] },
        postLoad: [
          'ALTER TABLE "public"."p" ADD CONSTRAINT "p_pkey" PRIMARY KEY ("id")',
          'ALTER TABLE "public"."c" ADD CONSTRAINT "c_d_fkey" FOREIGN KEY ("d") REFERENCES "public"."p" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION',
          'ALTER TABLE "public"."c" ADD CONSTRAINT "c_b_fkey" FOREIGN KEY ("b") REFERENCES "public"."p" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION',
          'ALTER TABLE "public"."c" ADD CONSTRAINT "c_a_fkey" FOREIGN KEY ("a") REFERENCES "public"."p" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED',
          `SELECT setval(pg_get_serial_sequence('"public"."p"', 'id'), greatest(coalesce((SELECT max("id") FROM "public"."p"), 0), 0, 1), coalesce((SELECT max("id") FROM "public"."p"), 0) > 0 OR 0 > 0)`,
        ],
      },
    ],
    [
      'indexes: partial, expression, descending, NOCASE',
      `CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE, done BOOLEAN);
       CREATE UNIQUE INDEX t_name ON t (name COLLATE NOCASE);
       CREATE INDEX t_open ON t (id DESC) WHERE done = 0;
       CREATE INDEX t_lower ON t (lower(name))`,
      {},
      {
        tables: { t: ['id serial NOT NULL', 'name text', 'done boolean'] },
        postLoad: [
          'ALTER TABLE "public"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY ("id")',
          'CREATE INDEX "t_lower" ON "public"."t" ((lower("name")))',
          'CREATE INDEX "t_open" ON "public"."t" ("id" DESC) WHERE "done" = FALSE',
          'CREATE UNIQUE INDEX "t_name" ON "public"."t" ("name")',
          `SELECT setval(pg_get_serial_sequence('"public"."t"', 'id'), greatest(coalesce((SELECT max("id") FROM "public"."t"), 0), 0, 1), coalesce((SELECT max("id") FROM "public"."t"), 0) > 0 OR 0 > 0)`,
        ],
        warnings: ['t_name: COLLATE NOCASE dropped from index t_name: PostgreSQL compares case-sensitively (consider citext or lower() indexes)'],
      },
    ],
    [
      '--exclude: the table is skipped, and a foreign key to it left out on purpose',
      `CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id))`,
      { exclude: ['P'] },
      {
        tables: { c: ['id serial NOT NULL', 'p_id bigint'] },
        postLoad: [
          'ALTER TABLE "public"."c" ADD CONSTRAINT "c_pkey" PRIMARY KEY ("id")',
          `SELECT setval(pg_get_serial_sequence('"public"."c"', 'id'), greatest(coalesce((SELECT max("id") FROM "public"."c"), 0), 0, 1), coalesce((SELECT max("id") FROM "public"."c"), 0) > 0 OR 0 > 0)`,
        ],
        warnings: ['c: foreign key c(p_id) → p left out: the parent table is not migrated'],
        skipped: ['p: excluded by --include/--exclude'],
      },
    ],
    [
      'a primary key holding NULLs becomes a UNIQUE constraint',
      `CREATE TABLE k (code TEXT PRIMARY KEY, v INT); INSERT INTO k VALUES (NULL, 1), ('a', 2)`,
      {},
      {
        tables: { k: ['code text', 'v bigint'] },
        postLoad: ['ALTER TABLE "public"."k" ADD CONSTRAINT "k_pkey" UNIQUE ("code")'],
        warnings: ['k: primary key (code) holds NULLs (1 in code), which SQLite allows outside INTEGER PRIMARY KEY: created as a UNIQUE constraint, whose NULLs are distinct as in SQLite; --strict-types stops instead'],
      },
    ],
    [
      '… and a plan problem with --strict-types',
      `CREATE TABLE k (code TEXT PRIMARY KEY, v INT); INSERT INTO k VALUES (NULL, 1), ('a', 2)`,
      { strictTypes: true },
      {
        tables: { k: ['code text NOT NULL', 'v bigint'] },
        postLoad: ['ALTER TABLE "public"."k" ADD CONSTRAINT "k_pkey" PRIMARY KEY ("code")'],
        problems: ['k.code: 1 NULL value(s) in a primary key column (SQLite allows them outside INTEGER PRIMARY KEY; PostgreSQL does not)'],
      },
    ],
  ])('%s', (_name, sql, options, expected) => {
    expect(summary(planOf(sql, options))).toEqual(expected);
  });

  it.each<[string, string, object]>([
    ['two tables', 'CREATE TABLE "Ä" (x INT); CREATE TABLE "ä" (x INT)', { tables: { ä: ['x bigint'], ä_1: ['x bigint'] }, postLoad: [] }],
    ['two columns', 'CREATE TABLE t ("Ä" INT, "ä" INT)', { tables: { t: ['ä bigint', 'ä_1 bigint'] }, postLoad: [] }],
  ])('numbers names SQLite keeps apart and PostgreSQL would fold together: %s', (_name, sql, expected) => {
    const plan = planOf(sql, {});
    expect(summary(plan)).toMatchObject(expected);
    expect(plan.warnings.map((w) => w.message).join('\n')).toMatch(/ä_1/);
  });

  it.each<[string, string, PlanOptions]>([
    ['a table and a view', 'CREATE TABLE "Ä" (x INT); CREATE VIEW "ä" AS SELECT 1', {}],
  ])('stops on names SQLite keeps apart and PostgreSQL would not: %s', (_name, sql, options) => {
    expect(() => planOf(sql, options)).toThrow(expect.objectContaining({ code: 'MAP_IDENTIFIER_COLLISION' }) as CatdbError);
  });

  it('keeps names apart with --identifiers preserve that differ only in case', () => {
    expect(summary(planOf('CREATE TABLE t ("Ä" INT, "ä" INT)', { identifiers: 'preserve' }))).toEqual({ tables: { t: ['Ä bigint', 'ä bigint'] }, postLoad: [] });
  });
});
