import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { migrateSqliteToPg } from '@catdb/core';
import { corpusFiles } from '../support/corpora.js';
import { scratchDatabaseFactory } from '../support/scratch-database.js';
import { pgViewRows, sqliteViewRows } from '../support/view-rows.js';

const Database = loadBetterSqlite3();
const FIELD_DIR = resolve(import.meta.dirname, '../../fixtures/field');
const freshDatabase = scratchDatabaseFactory();
const dir = mkdtempSync(join(tmpdir(), 'catdb-views-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file whose views call each SQLite function and operator the translator carries. */
function functionsFile(): string {
  const file = join(dir, 'functions.sqlite');
  const db = new Database(file);
  db.exec(`
    CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, d TEXT, n INTEGER, r REAL, flag BOOLEAN NOT NULL CHECK (flag IN (0, 1)), code TEXT, b BLOB, ts DATETIME,
      stamp TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), CHECK (flag = 1 OR flag = 0));
    INSERT INTO t (id, name, d, n, r, flag, code, b, ts) VALUES
      (1, 'Alpha', '2021-03-04 05:06:07', 42, 2.5, 1, '7', x'01ff', '2020-01-31 10:11:12'),
      (2, 'beta', '2020-02-29', -7, -2.5, 0, 'x', x'00', '2024-02-29 23:59:59'),
      (3, 'Gamma_%', '1999-12-31T23:59:59', 0, 0.125, 1, '0', NULL, '1970-01-01 00:00:00'),
      (4, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL);
    CREATE VIEW v_dates AS SELECT id, date(d), time(d), datetime(d, '+1 day', 'start of month'), julianday(d), unixepoch(d),
      strftime('%Y-%m-%dT%H:%M:%fZ', d), strftime('%j %w %W %U %H%M%S %s %%', d), datetime(ts, '-1 hour'), date(ts, 'start of year', '+13 months'),
      datetime(n, 'unixepoch'), date('2021-05-06'), time(d, '+90 minutes', 'weekday 1') FROM t;
    CREATE VIEW v_text AS SELECT id, ifnull(name, '-'), iif(n > 0, 'pos', 'other'), instr(name, 'a'), substr(name, -3), substr(name, 2, 2), substr(name, 3, -2),
      length(n), length(name), length(b), printf('%s has %d', name, n), typeof(n), typeof(r), typeof(name), typeof(b), hex(b), hex(n), lower(name), upper(name),
      trim('  ' || name || '  '), replace(name, 'a', 'A'), name || n, abs(n), round(r), round(r * 3.14159, 2), coalesce(name, code), nullif(n, 0),
      max(n, 0, id), min(n, id), max(id) OVER () FROM t;
    CREATE VIEW v_bool AS SELECT id, flag FROM t WHERE flag = 1 UNION ALL SELECT id, 0 FROM t WHERE flag IN (0) AND NOT flag = 1;
    CREATE VIEW v_agg AS SELECT group_concat(name), group_concat(name, '; '), total(r), total(n), sum(n), count(*), avg(r) FROM (SELECT * FROM t ORDER BY id);
    CREATE VIEW v_match AS SELECT id, name LIKE 'a%', name LIKE '%A%', name NOT LIKE 'g%', name LIKE 'gamma\\_%', name GLOB '[A-Z]*', name GLOB '*_%*', name GLOB 'b?t?' FROM t;
    CREATE VIEW v_arith AS SELECT id, n / 2, n % 5, code = 7, code IN (0, 7), code + 1, name + 0, n * r, CAST(n AS TEXT), CAST(r AS REAL) FROM t;
  `);
  db.close();
  return file;
}

const files = [
  ...corpusFiles(),
  ...readdirSync(FIELD_DIR).filter((f) => !f.endsWith('.md')).map((f) => join(FIELD_DIR, f)),
  functionsFile(),
].filter((f) => {
  const db = new Database(f, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'view'").get() as { n: number }).n > 0;
  } finally {
    db.close();
  }
});

describe.each(files)('views of %s', (file) => {
  it('are all created and return the same rows in PostgreSQL as in SQLite', async () => {
    const target = await freshDatabase('views');
    // Views are what this test is about: other objects not created (triggers of the Sakila corpora) do not stop it.
    const result = await migrateSqliteToPg({ source: file, target: target.url, jobs: 2, allowIncompleteSchema: true });
    expect(result.incomplete.filter((o) => o.kind === 'view'), 'views not created').toEqual([]);
    expect(result.plan.skipped.filter((s) => s.reason.startsWith('view')), 'views not translated').toEqual([]);
    expect(result.warnings.filter((w) => w.message.startsWith('view not created')), 'views not created').toEqual([]);
    expect(result.plan.views.length).toBeGreaterThan(0);
    const sqlite = new Database(file, { readonly: true });
    const client = await target.connect();
    try {
      for (const v of result.plan.views) {
        const pgRows = await pgViewRows(client, result.plan.schema, v.target);
        expect(pgRows, `view ${v.source}`).toEqual(sqliteViewRows(sqlite, v.source));
      }
    } finally {
      sqlite.close();
      await client.end();
    }
  });
});
