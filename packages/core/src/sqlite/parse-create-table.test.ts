import { describe, expect, it } from 'vitest';
import { indexColumnTexts, parseCreateTable, partialIndexWhere } from './parse-create-table.js';

describe('parseCreateTable', () => {
  it('finds CHECKs, their names, generated columns and the primary key name by SQLite tokens', () => {
    const parsed = parseCreateTable(`CREATE TABLE t (
      a INTEGER CONSTRAINT a_pos CHECK (a > 0) -- a comment with CHECK (x)
      , b TEXT AS (upper(a || ')')) STORED,
      "c d" /* CHECK (no) */ REAL CHECK (length("c d") < 5),
      CONSTRAINT t_pk PRIMARY KEY (a),
      CHECK (b <> 'AUTOINCREMENT'))`);
    expect([...parsed.columns.keys()]).toEqual(['a', 'b', 'c d']);
    expect(parsed.columns.get('a')!.checks).toEqual([{ name: 'a_pos', expression: 'a > 0' }]);
    expect(parsed.columns.get('b')!.generated).toEqual({ expression: "upper(a || ')')", stored: true });
    expect(parsed.columns.get('c d')!.checks).toEqual([{ expression: 'length("c d") < 5' }]);
    expect(parsed.checks).toEqual([{ expression: "b <> 'AUTOINCREMENT'" }]);
    expect(parsed.primaryKeyName).toBe('t_pk');
    expect(parsed.autoincrement).toBe(false);
  });

  it('cuts a CHECK where SQLite does, not where PostgreSQL would (comments do not nest)', () => {
    const parsed = parseCreateTable("CREATE TABLE t (x INTEGER CHECK (x > 0 OR x = /* /* */ 'a */ 1 ; CREATE TABLE pwned(i int); -- '))");
    expect(parsed.columns.get('x')!.checks).toEqual([{ expression: "x > 0 OR x = /* /* */ 'a */ 1 ; CREATE TABLE pwned(i int); -- '" }]);
  });

  it('sees AUTOINCREMENT only as a keyword', () => {
    expect(parseCreateTable('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)').autoincrement).toBe(true);
  });
});

describe('index statements', () => {
  it.each<[string, string[]]>([
    ['CREATE INDEX i ON t (a, b DESC)', ['a', 'b']],
    ["CREATE INDEX i ON t (lower(a) COLLATE NOCASE DESC, (a || ',') ASC, b COLLATE \"BINARY\")", ['lower(a)', "(a || ',')", 'b']],
    ['CREATE INDEX "ON" ON [t(x)] (a) WHERE a > 0', ['a']],
  ])('%s has the terms %j', (sql, terms) => expect(indexColumnTexts(sql)).toEqual(terms));

  it.each<[string, string | undefined]>([
    ['CREATE INDEX i ON t (a) WHERE a > 0 AND b IS NOT NULL', 'a > 0 AND b IS NOT NULL'],
    ["CREATE INDEX i ON t (a) WHERE a = '(WHERE)';", "a = '(WHERE)'"],
    ["CREATE INDEX i ON t ((a = 'WHERE'))", undefined],
  ])('%s is partial on %j', (sql, where) => expect(partialIndexWhere(sql)).toBe(where));
});
