import { describe, expect, it } from 'vitest';
import { translateSqliteSql, type TranslateOptions } from './translate-sqlite-sql.js';

const context: TranslateOptions = {
  identifiers: 'lower',
  compatFunctions: true,
  booleans: new Set(['deprecated']),
  kinds: new Map([
    ['discontinued', 'text'],
    ['firstname', 'text'],
    ['code', 'mixed'],
    ['n', 'integer'],
  ]),
};

describe("translateSqliteSql: SQLite's dialect", () => {
  it.each<[string, string, string[]]>([
    // date and time: constant dates folded, the rest through catdb_sqlite
    ["OrderDate BETWEEN DATETIME('1997-01-01') AND datetime('1997-12-31')", `"orderdate" BETWEEN '1997-01-01 00:00:00' AND '1997-12-31 00:00:00'`, []],
    ["date('2020-02-29T10:00')", `'2020-02-29'`, []],
    ["datetime('now', 'localtime')", `catdb_sqlite.datetime('now', 'localtime')`, ['datetime']],
    ["strftime('%Y-%m-%dT%H:%M:%fZ', d, '+1 day', 'start of month')", `catdb_sqlite.strftime('%Y-%m-%dT%H:%M:%fZ', "d", '+1 day', 'start of month')`, ['strftime']],
    ["julianday(d) - julianday('now')", `catdb_sqlite.julianday("d") - catdb_sqlite.julianday('now')`, ['julianday']],
    ["unixepoch(ts, 'unixepoch')", `catdb_sqlite.unixepoch("ts", 'unixepoch')`, ['unixepoch']],
    ["time(d, 'weekday 1')", `catdb_sqlite.time("d", 'weekday 1')`, ['time']],
    // functions
    ["iif(n > 0, 'pos', 'neg')", `catdb_sqlite.iif("n" > 0, 'pos', 'neg')`, ['iif']],
    ['typeof(n)', 'catdb_sqlite.typeof("n")', ['typeof']],
    ['total(n) + sum(n)', 'catdb_sqlite.total("n") + sum("n")', ['total']],
    ['group_concat(name)', 'catdb_sqlite.group_concat("name")', ['group_concat']],
    ["group_concat(name, '; ')", `catdb_sqlite.group_concat("name", '; ')`, ['group_concat']],
    ['substr(name, -3) || substring(name, 2, 2)', 'catdb_sqlite.substr("name", - 3) || catdb_sqlite.substr("name", 2, 2)', ['substr']],
    ['length(n)', 'catdb_sqlite.length("n")', ['length']],
    ['hex(b)', 'catdb_sqlite.hex("b")', ['hex']],
    ['round(r, 2)', 'catdb_sqlite.round("r", 2)', ['round']],
    ['abs(random()) % 10', 'abs(catdb_sqlite.random()) % 10', ['random']],
    ['max(a, b, c) + min(a, b)', 'catdb_sqlite.max_of("a", "b", "c") + catdb_sqlite.min_of("a", "b")', ['max_of', 'min_of']],
    ['ifnull(a, 0) + instr(a, b)', 'coalesce("a", 0) + strpos("a", "b")', []],
    ["printf('%s: %s%%', a, b)", `format('%s: %s%%', "a", "b")`, []],
    ["printf('%s has %d', name, n)", `format('%s has %s', "name", catdb_sqlite.printf_int("n"))`, ['printf_int']],
    // LIKE is ILIKE; a backslash in the pattern is no escape, as in SQLite; GLOB with a plain pattern is SIMILAR TO
    ["name LIKE 'a\\b%'", `"name" ILIKE E'a\\\\\\\\b%'`, []],
    ["name NOT LIKE '%x%' ESCAPE 'x'", `"name" NOT ILIKE '%x%' ESCAPE 'x'`, []],
    ["name GLOB '[A-Z]*' AND x NOT GLOB 'a?c'", `"name" SIMILAR TO '[A-Z]%' AND "x" NOT SIMILAR TO 'a_c'`, []],
    // booleans and text affinity
    ['deprecated IN (0, 1)', '"deprecated" IN (FALSE, TRUE)', []],
    ['deprecated NOT IN (1)', '"deprecated" NOT IN (TRUE)', []],
    ['(((Products.Discontinued)=0))', `((("products"."discontinued") = '0'))`, []],
    ['Discontinued IN (0, 1) OR 1 = discontinued', `"discontinued" IN ('0', '1') OR '1' = "discontinued"`, []],
    ['n = 1', '"n" = 1', []],
    // arithmetic on text asks for catdb's operators
    ["FirstName + ' ' + LastName", `"firstname" + ' ' + "lastname"`, ['text_arithmetic']],
    ['n + 1', '"n" + 1', []],
    // compound SELECTs unite booleans and mixed columns as SQLite does
    ["SELECT deprecated, code FROM a UNION ALL SELECT 0, n FROM b", 'SELECT "deprecated", CAST("code" AS text) FROM "a" UNION ALL SELECT FALSE, CAST("n" AS text) FROM "b"', []],
    // a subquery in FROM gets a name
    ['SELECT count(*) FROM (SELECT a FROM t)', 'SELECT count(*) FROM (SELECT "a" FROM "t") AS "subquery_11"', []],
    ['SELECT count(*) FROM (SELECT a FROM t) AS s', 'SELECT count(*) FROM (SELECT "a" FROM "t") AS "s"', []],
    // SQLite's postfix NOT NULL; NOTNULL and ISNULL PostgreSQL has too
    ['a NOT NULL AND b NOTNULL OR c ISNULL', '"a" IS NOT NULL AND "b" NOTNULL OR "c" ISNULL', []],
    ["strftime('%s', d) NOT NULL", `catdb_sqlite.strftime('%s', "d") IS NOT NULL`, ['strftime']],
    ['a NOT IN (1) AND NOT a IS NULL', '"a" NOT IN (1) AND NOT "a" IS NULL', []],
    // a JOIN without ON or USING is a cross join in SQLite
    ['SELECT 1 FROM a JOIN b WHERE a.x = b.y', 'SELECT 1 FROM "a" JOIN "b" ON TRUE WHERE "a"."x" = "b"."y"', []],
    ['SELECT * FROM a LEFT JOIN b, c JOIN d USING (k)', 'SELECT * FROM "a" LEFT JOIN "b" ON TRUE, "c" JOIN "d" USING ("k")', []],
    ['SELECT * FROM a JOIN (SELECT 1 FROM x JOIN y ON x.i = y.i) s JOIN c', 'SELECT * FROM "a" JOIN (SELECT 1 FROM "x" JOIN "y" ON "x"."i" = "y"."i") "s" ON TRUE JOIN "c" ON TRUE', []],
    ['SELECT (SELECT 1 FROM a JOIN b) AS z', 'SELECT (SELECT 1 FROM "a" JOIN "b" ON TRUE) AS "z"', []],
    ['SELECT * FROM a NATURAL JOIN b CROSS JOIN c', 'SELECT * FROM "a" NATURAL JOIN "b" CROSS JOIN "c"', []],
  ])('%s', (input, sql, compat) => {
    const t = translateSqliteSql(input, context);
    expect(t).toEqual(compat.length > 0 ? { sql, compat } : { sql });
  });

  it.each<[string, string]>([
    ["x GLOB y", 'GLOB operator'],
    ["printf('%5.2f', x)", 'format() does not read the same'],
    ['changes()', 'state of the SQLite connection'],
  ])('leaves %j untranslated (%s)', (input, reason) => {
    expect(translateSqliteSql(input, context)).toEqual({ untranslated: expect.stringContaining(reason) });
  });

  it.each<[string, string]>([
    ["datetime('now')", 'compat functions'],
    ["printf('%d', n)", 'compat functions'],
    ['typeof(x)', 'compat functions'],
  ])('without compat functions leaves %j untranslated', (input, reason) => {
    expect(translateSqliteSql(input, { ...context, compatFunctions: false })).toEqual({ untranslated: expect.stringContaining(reason) });
  });

  it('keeps PostgreSQL own functions without compat functions', () => {
    expect(translateSqliteSql('max(a, b) + length(s)', { identifiers: 'lower' })).toEqual({ sql: 'greatest("a", "b") + length("s")' });
  });
});

describe("translateSqliteSql: PostgreSQL's own length and substr where they mean the same", () => {
  it.each<[string, string, string[]]>([
    ['length(firstname) > 0', 'length("firstname") > 0', []],
    ["length('abc')", "length('abc')", []],
    ['substr(t.firstname, 2, 3)', 'substr("t"."firstname", 2, 3)', []],
    ['substr(firstname, -2)', 'catdb_sqlite.substr("firstname", - 2)', ['substr']],
    ['length(code) >= 1', 'catdb_sqlite.length("code") >= 1', ['length']],
    ['length(n)', 'catdb_sqlite.length("n")', ['length']],
  ])('%s', (input, sql, compat) => {
    expect(translateSqliteSql(input, context)).toEqual(compat.length > 0 ? { sql, compat } : { sql });
  });
});
