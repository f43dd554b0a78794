import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { columnKey, indexColumnTexts, parseCreateTable, partialIndexWhere, type ParsedCreateTable } from './parse-create-table.js';

/** What a parse found, flattened for comparison: names in order, checks, generated columns. */
function summary(p: ParsedCreateTable): object {
  const generated = Object.fromEntries([...p.columns.values()].filter((c) => c.generated).map((c) => [c.name, c.generated]));
  const columnChecks = Object.fromEntries([...p.columns.values()].filter((c) => c.checks.length).map((c) => [c.name, c.checks]));
  return {
    columns: [...p.columns.values()].map((c) => c.name),
    ...(Object.keys(columnChecks).length ? { columnChecks } : {}),
    ...(p.checks.length ? { checks: p.checks } : {}),
    ...(Object.keys(generated).length ? { generated } : {}),
    ...(p.primaryKeyName !== undefined ? { primaryKeyName: p.primaryKeyName } : {}),
    ...(p.autoincrement ? { autoincrement: true } : {}),
  };
}

/** SQLite itself must accept every statement here, and name the same columns. */
function sqliteColumns(sql: string): string[] {
  const db = new Database(':memory:');
  try {
    db.exec(sql);
    const table = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().get() as string) ?? '';
    return (db.prepare('SELECT name FROM pragma_table_xinfo(?)').pluck().all(table) as string[]).filter(Boolean);
  } finally {
    db.close();
  }
}

describe('parseCreateTable', () => {
  it.each<[string, string, object]>([
    // Comments, wherever the field puts them.
    ['a -- comment before the first column', 'CREATE TABLE t ( -- ids\n id INTEGER PRIMARY KEY, -- the key, (not a column)\n name TEXT -- last\n)', { columns: ['id', 'name'] }],
    ['block comments between every token', 'CREATE TABLE /* x */ t /* ( */ ( /* a, b */ a /* , c */ INTEGER /* CHECK (a > 0) */ , b TEXT CHECK /* why */ (b <> /* no */ \'\') /* ) */ )', { columns: ['a', 'b'], columnChecks: { b: [{ expression: "b <> /* no */ ''" }] } }],
    ['a -- comment holding a quote and a parenthesis', "CREATE TABLE t (a TEXT, -- it's (open\n b INT CHECK (b > 0) -- don't )\n)", { columns: ['a', 'b'], columnChecks: { b: [{ expression: 'b > 0' }] } }],
    ['a comment between CONSTRAINT and its name', 'CREATE TABLE t (a INT CONSTRAINT /* n */ a_pos CHECK (a > 0))', { columns: ['a'], columnChecks: { a: [{ name: 'a_pos', expression: 'a > 0' }] } }],
    // Names quoted in every style SQLite takes, escapes included.
    ['double quotes', 'CREATE TABLE "t" ("a" INT, "b ""c""" TEXT, "CHECK" INT, "PRIMARY" INT)', { columns: ['a', 'b "c"', 'CHECK', 'PRIMARY'] }],
    ['brackets', 'CREATE TABLE [t] ([a] INT, [b c] TEXT, [CONSTRAINT] INT, [x"y] INT)', { columns: ['a', 'b c', 'CONSTRAINT', 'x"y'] }],
    ['backticks', 'CREATE TABLE `t` (`a` INT, `b``c` TEXT, `FOREIGN` INT)', { columns: ['a', 'b`c', 'FOREIGN'] }],
    ["single quotes (SQLite's fallback for names)", "CREATE TABLE 't' ('a' INT, 'it''s' TEXT, 'UNIQUE' INT)", { columns: ['a', "it's", 'UNIQUE'] }],
    ['keywords SQLite lets stand bare as names', 'CREATE TABLE t (key INT, action TEXT, replace INT, temp REAL, "order" INT)', { columns: ['key', 'action', 'replace', 'temp', 'order'] }],
    ['names that are not ASCII, distinct where SQLite keeps them apart', 'CREATE TABLE t ("Ä" INT CHECK ("Ä" > 0), "ä" TEXT CHECK (length("ä") < 3), 東京 TEXT, "😀" INT)', { columns: ['Ä', 'ä', '東京', '😀'], columnChecks: { Ä: [{ expression: '"Ä" > 0' }], ä: [{ expression: 'length("ä") < 3' }] } }],
    // CONSTRAINT names, on the constraints that keep them in PostgreSQL and on the others.
    ['a named column CHECK and PRIMARY KEY', 'CREATE TABLE t (id INTEGER CONSTRAINT t_key PRIMARY KEY, n INT CONSTRAINT "n positive" CHECK (n > 0))', { columns: ['id', 'n'], columnChecks: { n: [{ name: 'n positive', expression: 'n > 0' }] }, primaryKeyName: 't_key' }],
    ['names quoted each way', 'CREATE TABLE t (a INT CONSTRAINT [a one] CHECK (a = 1) CONSTRAINT `a two` CHECK (a < 2), b INT, CONSTRAINT \'the pk\' PRIMARY KEY (a, b))', { columns: ['a', 'b'], columnChecks: { a: [{ name: 'a one', expression: 'a = 1' }, { name: 'a two', expression: 'a < 2' }] }, primaryKeyName: 'the pk' }],
    ['a name that belongs to the constraint before the CHECK', 'CREATE TABLE t (a INT CONSTRAINT nn NOT NULL CHECK (a > 0), b INT CONSTRAINT u UNIQUE CONSTRAINT c CHECK (b > 0))', { columns: ['a', 'b'], columnChecks: { a: [{ expression: 'a > 0' }], b: [{ name: 'c', expression: 'b > 0' }] } }],
    ['named table constraints of every kind', 'CREATE TABLE t (a INT, b INT, CONSTRAINT pk PRIMARY KEY (a), CONSTRAINT uq UNIQUE (b), CONSTRAINT fk FOREIGN KEY (b) REFERENCES t (a), CONSTRAINT ck CHECK (a <> b))', { columns: ['a', 'b'], checks: [{ name: 'ck', expression: 'a <> b' }], primaryKeyName: 'pk' }],
    // Generated columns.
    ['generated columns in each spelling', 'CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a * 2) VIRTUAL, c TEXT AS (a || \'x\') STORED, d AS (a + 1), e INT GENERATED ALWAYS AS (abs(a)) STORED NOT NULL CHECK (e >= 0))', { columns: ['a', 'b', 'c', 'd', 'e'], columnChecks: { e: [{ expression: 'e >= 0' }] }, generated: { b: { expression: 'a * 2', stored: false }, c: { expression: "a || 'x'", stored: true }, d: { expression: 'a + 1', stored: false }, e: { expression: 'abs(a)', stored: true } } }],
    ['a generated column whose expression holds AS, commas and parentheses', "CREATE TABLE t (a TEXT, b INT AS (CAST(substr(a, 1, 2) AS INTEGER)) /* ) STORED */ VIRTUAL)", { columns: ['a', 'b'], generated: { b: { expression: 'CAST(substr(a, 1, 2) AS INTEGER)', stored: false } } }],
    // Table options after the column list.
    ['STRICT', 'CREATE TABLE t (id INTEGER PRIMARY KEY, v ANY, n INT CHECK (n > 0)) STRICT', { columns: ['id', 'v', 'n'], columnChecks: { n: [{ expression: 'n > 0' }] } }],
    ['WITHOUT ROWID', 'CREATE TABLE t (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID', { columns: ['k', 'v'] }],
    ['WITHOUT ROWID and STRICT together', 'CREATE TABLE t (a INT, b TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID, STRICT;', { columns: ['a', 'b'] }],
    // Type names.
    ['type names with parentheses, commas and spaces', 'CREATE TABLE t (a VARCHAR (255), b NUMERIC(10, 2) NOT NULL, c DOUBLE PRECISION, d UNSIGNED BIG INT, e "custom type", f DECIMAL(+10 , -2), g)', { columns: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }],
    // DEFAULT expressions.
    ['DEFAULT expressions that hold commas, AS, keywords and parentheses', "CREATE TABLE t (a TEXT DEFAULT 'x, y', b INT DEFAULT (CAST('1' AS INTEGER)), c TEXT DEFAULT 'AS', d REAL DEFAULT -1.5, e TEXT DEFAULT CURRENT_TIMESTAMP, f TEXT DEFAULT (strftime('%Y-%m-%d', 'now')), g BLOB DEFAULT x'00ff', h INT DEFAULT (1) CHECK (h IN (1, 2)))", { columns: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], columnChecks: { h: [{ expression: 'h IN (1, 2)' }] } }],
    // Table constraints.
    ['table constraints are not columns', "CREATE TABLE t (a INT, b INT, c TEXT, PRIMARY KEY (a, b) ON CONFLICT REPLACE, UNIQUE (c COLLATE NOCASE), FOREIGN KEY (a) REFERENCES p (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, CHECK (a < b), CHECK (c LIKE '%,%'))", { columns: ['a', 'b', 'c'], checks: [{ expression: 'a < b' }, { expression: "c LIKE '%,%'" }] }],
    // AUTOINCREMENT.
    ['AUTOINCREMENT', 'CREATE TABLE t (id INTEGER PRIMARY KEY /* ASC */ AUTOINCREMENT, "AUTOINCREMENT" TEXT DEFAULT \'AUTOINCREMENT\')', { columns: ['id', 'AUTOINCREMENT'], autoincrement: true }],
    ['the word only in a comment, a string or a name', "CREATE TABLE t (id INTEGER PRIMARY KEY -- AUTOINCREMENT\n, [AUTOINCREMENT] TEXT DEFAULT 'AUTOINCREMENT')", { columns: ['id', 'AUTOINCREMENT'] }],
    // Schema-qualified and IF NOT EXISTS: the statement SQLite stores keeps what was written.
    ['a schema-qualified name and IF NOT EXISTS', 'CREATE TABLE IF NOT EXISTS main."t(x" ("(" INT, ")" INT)', { columns: ['(', ')'] }],
  ])('%s', (_name, sql, expected) => {
    const parsed = parseCreateTable(sql);
    expect(summary(parsed)).toEqual(expected);
    // SQLite itself accepts the statement and sees the same columns.
    expect([...parsed.columns.values()].map((c) => c.name)).toEqual(sqliteColumns(sql));
  });

  it.each<[string, string, boolean[]]>([
    ['none', 'CREATE TABLE t (a INT)', []],
    ['a column REFERENCES and a table FOREIGN KEY, in the order written', 'CREATE TABLE t (a INT REFERENCES p DEFERRABLE INITIALLY DEFERRED, b INT, FOREIGN KEY (b) REFERENCES p (id))', [true, false]],
    ['two on one column', 'CREATE TABLE t (a INT REFERENCES p REFERENCES q DEFERRABLE INITIALLY DEFERRED)', [false, true]],
    ['forms SQLite does not defer', 'CREATE TABLE t (a INT REFERENCES p DEFERRABLE, b INT REFERENCES p DEFERRABLE INITIALLY IMMEDIATE, c INT REFERENCES p NOT DEFERRABLE INITIALLY DEFERRED)', [false, false, false]],
    ['the words in a comment or a string', "CREATE TABLE t (a INT REFERENCES p /* DEFERRABLE INITIALLY DEFERRED */, b TEXT DEFAULT 'DEFERRABLE INITIALLY DEFERRED')", [false]],
    ['with actions and MATCH before it, comments between', 'CREATE TABLE t (a INT, CONSTRAINT f FOREIGN KEY (a) REFERENCES p (id) ON DELETE CASCADE MATCH FULL DEFERRABLE /* ! */ INITIALLY -- x\n DEFERRED)', [true]],
  ])('foreign key clauses: %s', (_name, sql, deferred) => {
    expect(parseCreateTable(sql).foreignKeys.map((f) => f.deferred)).toEqual(deferred);
  });

  it('cuts a CHECK where SQLite does, not where PostgreSQL would (comments do not nest)', () => {
    const parsed = parseCreateTable("CREATE TABLE t (x INTEGER CHECK (x > 0 OR x = /* /* */ 'a */ 1 ; CREATE TABLE pwned(i int); -- '))");
    expect(parsed.columns.get('x')!.checks).toEqual([{ expression: "x > 0 OR x = /* /* */ 'a */ 1 ; CREATE TABLE pwned(i int); -- '" }]);
  });

  it('looks columns up by name as SQLite compares them: ASCII case only', () => {
    const parsed = parseCreateTable('CREATE TABLE t ("Ä" AS (1) STORED, "ä" INT, Ab INT)');
    expect(parsed.columns.get(columnKey('Ä'))!.generated).toEqual({ expression: '1', stored: true });
    expect(parsed.columns.get(columnKey('ä'))!.generated).toBeUndefined();
    expect(parsed.columns.get(columnKey('aB'))!.name).toBe('Ab');
  });

  it.each([
    ['no column list', 'CREATE TABLE t'],
    ['an unclosed column list', 'CREATE TABLE t (a INT, b TEXT CHECK (b'],
  ])('does not throw on %s', (_name, sql) => expect(() => parseCreateTable(sql)).not.toThrow());
});

describe('index statements', () => {
  it.each<[string, string[]]>([
    ['CREATE INDEX i ON t (a, b DESC)', ['a', 'b']],
    ["CREATE INDEX i ON t (lower(a) COLLATE NOCASE DESC, (a || ',') ASC, b COLLATE \"BINARY\")", ['lower(a)', "(a || ',')", 'b']],
    ['CREATE INDEX "ON" ON [t(x)] (a) WHERE a > 0', ['a']],
    ['CREATE UNIQUE INDEX IF NOT EXISTS main.i ON t (/* first */ a -- and\n, `b c`)', ['a', '`b c`']],
  ])('%s has the terms %j', (sql, terms) => expect(indexColumnTexts(sql)).toEqual(terms));

  it.each<[string, string | undefined]>([
    ['CREATE INDEX i ON t (a) WHERE a > 0 AND b IS NOT NULL', 'a > 0 AND b IS NOT NULL'],
    ["CREATE INDEX i ON t (a) WHERE a = '(WHERE)';", "a = '(WHERE)'"],
    ["CREATE INDEX i ON t ((a = 'WHERE'))", undefined],
    ['CREATE INDEX i ON t (a) /* WHERE no */ WHERE b', 'b'],
  ])('%s is partial on %j', (sql, where) => expect(partialIndexWhere(sql)).toBe(where));
});
