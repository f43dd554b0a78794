import { describe, expect, it } from 'vitest';
import { planView } from './plan-view.js';

describe('planView', () => {
  it.each<[string, 'lower' | 'preserve', string]>([
    ['CREATE VIEW v AS SELECT a FROM t', 'lower', 'CREATE VIEW "app"."v" AS SELECT "a" FROM "t"'],
    ['CREATE VIEW [My View] (A, "B c") AS SELECT x, y FROM T;', 'preserve', 'CREATE VIEW "app"."My View" ("A", "B c") AS SELECT "x", "y" FROM "T"'],
    ['CREATE VIEW IF NOT EXISTS v AS SELECT flag FROM t WHERE flag = 1', 'lower', 'CREATE VIEW "app"."v" AS SELECT "flag" FROM "t" WHERE "flag" = TRUE'],
  ])('%s (%s)', (sql, mode, expected) => {
    const name = sql.includes('My View') ? 'My View' : 'v';
    expect(planView(name, sql, 'app', mode, { booleans: new Set(['flag']) })).toEqual({ source: name, target: mode === 'lower' ? name.toLowerCase() : name, sourceSql: sql, sql: expected });
  });

  it.each<[string, string]>([
    ['CREATE VIEW v AS SELECT 1; DROP TABLE t', 'statement separator'],
    ['CREATE VIEW v AS SELECT ?', 'parameter'],
    ['CREATE TABLE v AS SELECT 1', 'could not be read'],
    ['CREATE VIEW v ("") AS SELECT 1', 'empty name'],
  ])('leaves %j out: %s', (sql, reason) => {
    const view = planView('v', sql, 'app', 'lower');
    expect(view).toHaveProperty('untranslated');
    expect((view as { untranslated: string }).untranslated).toContain(reason);
  });
});

describe('planView: columns SQLite names after their expression', () => {
  it('names them as SQLite does, so that PostgreSQL neither repeats nor invents names', () => {
    const sql = 'CREATE VIEW v AS SELECT id, date(d), 0, 0 FROM t';
    const view = planView('v', sql, 'app', 'lower', { compatFunctions: true }, ['id', 'date(d)', '0', '0:1']);
    expect(view).toMatchObject({ sql: 'CREATE VIEW "app"."v" ("id", "date(d)", "0", "0:1") AS SELECT "id", catdb_sqlite.date("d"), 0, 0 FROM "t"', compat: ['date'] });
  });

  it('keeps plain names to PostgreSQL', () => {
    const view = planView('v', 'CREATE VIEW v AS SELECT a, b AS c FROM t', 'app', 'lower', {}, ['a', 'c']);
    expect(view).toMatchObject({ sql: 'CREATE VIEW "app"."v" AS SELECT "a", "b" AS "c" FROM "t"' });
  });
});
