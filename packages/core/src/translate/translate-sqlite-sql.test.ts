import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translateSqliteSql, type TranslateOptions } from './translate-sqlite-sql.js';

const lower: TranslateOptions = { identifiers: 'lower' };
const sqlOf = (input: string, options: TranslateOptions = lower): string => {
  const t = translateSqliteSql(input, options);
  if (!('sql' in t)) throw new Error(`not translated: ${t.untranslated}`);
  return t.sql;
};

/**
 * What PostgreSQL's lexer sees outside string literals and quoted names in the translator's
 * output (which writes only '…', E'…' with doubled backslashes, and "…").
 */
function outsideQuotes(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    const escaped = c === 'E' && sql[i + 1] === "'";
    if (c === "'" || c === '"' || escaped) {
      const quote = escaped ? "'" : c;
      for (i += escaped ? 2 : 1; i < sql.length; i++) {
        if (escaped && sql[i] === '\\') i++;
        else if (sql[i] === quote && sql[i + 1] === quote) i++;
        else if (sql[i] === quote) break;
      }
      if (i >= sql.length) throw new Error(`unterminated literal in ${sql}`);
      out += ' Q ';
    } else out += c;
  }
  return out;
}

describe('translateSqliteSql', () => {
  it.each<[string, 'lower' | 'preserve', string]>([
    ['"Order Details".Quantity > 0', 'lower', '"order details"."quantity" > 0'],
    ['[Unit Price] * 2', 'lower', '"unit price" * 2'],
    ['`x` == 1', 'lower', '"x" = 1'],
    ["ifnull(a, 'it''s')", 'lower', `coalesce("a", 'it''s')`],
    ["name = '[not an ident]'", 'lower', `"name" = '[not an ident]'`],
    ['TrackId > 0', 'preserve', '"TrackId" > 0'],
    ['t.AlbumId = a.id AND COUNT(x) > 0', 'preserve', '"t"."AlbumId" = "a"."id" AND count("x") > 0'],
    ["protocol IN ('smb','ftp')", 'lower', `"protocol" IN ('smb', 'ftp')`],
    ['instr(a, b) > 0 AND x != 1', 'lower', 'strpos("a", "b") > 0 AND "x" <> 1'],
    ['max(a, b) + min(c) + MAX(d, e, f)', 'lower', 'greatest("a", "b") + min("c") + greatest("d", "e", "f")'],
    ["my_func('now') IS NOT NULL", 'lower', `"my_func"('now') IS NOT NULL`],
    ['CAST(x AS INTEGER) + CAST(y AS VARCHAR(10)) || CAST(z AS "real") || CAST(b AS BLOB) || CAST(d AS DECIMAL(5, 2))', 'lower', 'CAST("x" AS bigint) + CAST("y" AS text) || CAST("z" AS double precision) || CAST("b" AS bytea) || CAST("d" AS numeric)'],
    ['CAST((SELECT x AS y FROM t) AS TEXT)', 'lower', 'CAST((SELECT "x" AS "y" FROM "t") AS text)'],
    ["x'CAFE' = b AND s = 'back\\slash'", 'lower', `E'\\\\xcafe'::bytea = "b" AND "s" = E'back\\\\slash'`],
    ['0x10 + 1_000 + .5 + 1e3 + 0xFFFFFFFFFFFFFFFF + 007', 'lower', '16 + 1000 + .5 + 1e3 + (-1) + 007'],
    ['a LEFT OUTER JOIN b ON left = right NATURAL JOIN c', 'lower', '"a" LEFT OUTER JOIN "b" ON "left" = "right" NATURAL JOIN "c"'],
    ['user = current_user', 'lower', '"user" = "current_user"'],
    ['SELECT first, last, desc, key FROM t ORDER BY first DESC NULLS LAST, last ASC', 'lower', 'SELECT "first", "last", "desc", "key" FROM "t" ORDER BY "first" DESC NULLS LAST, "last" ASC'],
    ["SELECT x AS 'Total', y \"Y\", z 'Z' FROM t LIMIT 5 OFFSET 2", 'preserve', 'SELECT "x" AS "Total", "y" "Y", "z" "Z" FROM "t" LIMIT 5 OFFSET 2'],
    ["SELECT e'\\' , x FROM t WHERE x = ' ; DROP TABLE t; --'", 'lower', `SELECT "e" "\\", "x" FROM "t" WHERE "x" = ' ; DROP TABLE t; --'`],
    ["CASE WHEN end = 1 THEN 'a' ELSE 'b' END", 'lower', `CASE WHEN "end" = 1 THEN 'a' ELSE 'b' END`],
    ['x COLLATE BINARY = y', 'lower', '"x" COLLATE "C" = "y"'],
    ["x NOT LIKE 'a%' ESCAPE '\\'", 'lower', `"x" NOT ILIKE 'a%' ESCAPE E'\\\\'`],
    ['sum(x) FILTER (WHERE y) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)', 'lower', 'sum("x") FILTER (WHERE "y") OVER (PARTITION BY "a" ORDER BY "b" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)'],
    ['WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r', 'lower', 'WITH RECURSIVE "r"("n") AS (SELECT 1 UNION ALL SELECT "n" + 1 FROM "r") SELECT * FROM "r"'],
    ['t.* , "t"."x"', 'lower', '"t".*, "t"."x"'],
    ['TRUE AND NOT FALSE AND x IS NULL AND CURRENT_TIMESTAMP > d', 'lower', 'TRUE AND NOT FALSE AND "x" IS NULL AND CURRENT_TIMESTAMP > "d"'],
    // Hostile text comes out as data, never as syntax.
    ["x > 0 OR x = /* /* */ 'a */ 1 ; CREATE TABLE pwned(i int); -- '", 'lower', `"x" > 0 OR "x" = 'a */ 1 ; CREATE TABLE pwned(i int); -- '`],
    ['U&"d\\0061t"', 'lower', '"u" & "d\\0061t"'],
    ['"a""; DROP TABLE t; --"', 'lower', '"a""; drop table t; --"'],
    ['a - -1 / *b', 'lower', '"a" - - 1 / * "b"'],
    ['"x"\n-- comment\n+ 1', 'lower', '"x" + 1'],
    ["'line\nbreak' || 'it''s'", 'lower', `'line\nbreak' || 'it''s'`],
  ])('%j (%s) → %s', (input, mode, out) => expect(sqlOf(input, { identifiers: mode })).toBe(out));

  it.each([
    ['is_favorite = 1', '"is_favorite" = TRUE'],
    ['is_favorite == 0', '"is_favorite" = FALSE'],
    ['is_favorite <> 1', '"is_favorite" <> TRUE'],
    ['1 = active', 'TRUE = "active"'],
    ['"is_favorite" != 0 AND year = 1', '"is_favorite" <> FALSE AND "year" = 1'],
    ['m.is_favorite = 1', '"m"."is_favorite" = TRUE'],
    ['0 = m.active', 'FALSE = "m"."active"'],
    ['count = 1', '"count" = 1'],
    ['is_favorite = 2', '"is_favorite" = 2'],
  ])('boolean columns compared with 0/1: %s → %s', (input, out) => {
    expect(sqlOf(input, { identifiers: 'lower', booleans: new Set(['is_favorite', 'active']) })).toBe(out);
  });

  it.each<[string, string]>([
    ['1; DROP TABLE t', 'statement separator'],
    ['x = 1;', 'statement separator'],
    ['$$ DROP TABLE t $$', 'parameter'],
    ['x = $1', 'parameter'],
    ['x = ?', 'parameter'],
    ['x = :name', 'parameter'],
    ['x = @name', 'parameter'],
    ["x = 'unterminated", 'does not accept'],
    ["E'\\''", 'does not accept'],
    ['x ! y', 'does not accept'],
    ['x ^ y', 'does not accept'],
    ['x = 1abc', 'does not accept'],
    ['x = 1__0', 'does not read as a number'],
    ['x = 0x1_0000_0000_0000_0000', 'does not read as a number'],
    ["j -> 'a'", '-> operator'],
    ["j ->> 'a'", '->> operator'],
    ["x GLOB y", 'GLOB operator'],
    ["x GLOB 'a*' || y", 'GLOB operator'],
    ["datetime('now')", 'compat functions'],
    ['last_insert_rowid() > 0', 'state of the SQLite connection'],
    ["x NOT REGEXP 'a'", 'REGEXP operator'],
    ['x COLLATE NOCASE', 'COLLATE "NOCASE"'],
    ['CAST(x AS)', 'does not name'],
    ['CAST(x AS ?)', 'parameter'],
    ["x = 'a\u0000b'", 'NUL'],
    ['"" = 1', 'empty name'],
    ['', 'empty'],
    ['/* only a comment */', 'empty'],
  ])('leaves %j untranslated (%s)', (input, reason) => {
    const t = translateSqliteSql(input, lower);
    expect(t).toHaveProperty('untranslated');
    expect((t as { untranslated: string }).untranslated).toContain(reason);
  });

  it('never lets source text become a statement, a comment, a dollar quote or an escape in PostgreSQL', () => {
    const pieces = fc.constantFrom(
      ...["'", '"', '`', '[', ']', '/*', '*/', '--', '-', '*', '/', ';', '$$', '$', 'E', "E'", 'U&', '\\', '\n', '\r', ' ', '(', ')', ',', '.', '=', '<', '>', '!', '|', '&', 'x', 'SELECT', 'DROP', 'AS', 'CAST', '1', '0x1F', '1_0', 'X', "x'", '\u2028', 'é', 'LIKE', 'GLOB', 'strftime(', 'printf(', 'iif(', "'%'", "'*\\'"],
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), fc.constantFrom<'lower' | 'preserve'>('lower', 'preserve'), (parts, mode) => {
        const t = translateSqliteSql(parts.join(''), { identifiers: mode, compatFunctions: true });
        if (!('sql' in t)) return;
        const bare = outsideQuotes(t.sql);
        expect(bare).not.toMatch(/;|--|\/\*|\*\/|\$|\\|\n|\r|U&|[A-Za-z]'/);
      }),
      { numRuns: 3000 },
    );
  });
});
