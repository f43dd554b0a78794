import { describe, expect, it } from 'vitest';
import { lexSqlite } from './lex-sqlite.js';

const lex = (sql: string): string[] => lexSqlite(sql).map((t) => `${t.kind}:${t.value}`);

describe('lexSqlite follows SQLite tokenize.c', () => {
  it.each<[string, string[]]>([
    // Comments: /* */ does not nest, may stay open to the end; -- ends at LF only.
    ["x = /* /* */ 'a */ 1 ; -- '", ['word:x', 'operator:=', "string:a */ 1 ; -- "]],
    ['a /* never closed', ['word:a']],
    ['a /*/ b */ c', ['word:a', 'word:c']],
    ['a --c\nb', ['word:a', 'word:b']],
    ['a --c\rb', ['word:a']],
    ['a/**/b', ['word:a', 'word:b']],
    // Strings and quoted names.
    ["'it''s'", ["string:it's"]],
    ["'a\\'", ['string:a\\']],
    ['"a""b"', ['quoted:a"b']],
    ['[a"b]', ['quoted:a"b']],
    ['[a]]', ['quoted:a', 'illegal:]']],
    ['`x``y`', ['quoted:x`y']],
    ["'open", ["illegal:'open"]],
    ['"open', ['illegal:"open']],
    ['[open', ['illegal:[open']],
    // Blobs.
    ["X'0aFF'", ['blob:0aff']],
    ["x''", ['blob:']],
    ["x'abc'", ["illegal:x'abc'"]],
    ["x'zz' 1", ["illegal:x'zz'", 'number:1']],
    ['xy', ['word:xy']],
    // Numbers.
    ['1_000 .5 1e5 1.5E-3 1. 0x1F 0X1_f', ['number:1_000', 'number:.5', 'number:1e5', 'number:1.5E-3', 'number:1.', 'number:0x1F', 'number:0X1_f']],
    ['1abc', ['illegal:1abc']],
    ['1e', ['illegal:1e']],
    ['1e+', ['illegal:1e', 'operator:+']],
    ['0x', ['illegal:0x']],
    ['t.5', ['word:t', 'number:.5']],
    ['t.x', ['word:t', 'operator:.', 'word:x']],
    // Variables.
    ['? ?12 :x @y $z #w', ['variable:?', 'variable:?12', 'variable::x', 'variable:@y', 'variable:$z', 'variable:#w']],
    ['$$ evil $$', ['variable:$$', 'word:evil', 'variable:$$']],
    ['$a::b(c d', ['illegal:$a::b(c', 'word:d']],
    ['$a(b)', ['variable:$a(b)']],
    ['$ :', ['illegal:$', 'illegal::']],
    // Operators, longest first; a lone ! and characters SQLite does not know are illegal.
    ['a->>b->c', ['word:a', 'operator:->>', 'word:b', 'operator:->', 'word:c']],
    ['== != <> <= >= << >> || | ~ &', ['operator:==', 'operator:!=', 'operator:<>', 'operator:<=', 'operator:>=', 'operator:<<', 'operator:>>', 'operator:||', 'operator:|', 'operator:~', 'operator:&']],
    ['! ^ \\ {', ['illegal:!', 'illegal:^', 'illegal:\\', 'illegal:{']],
    // Names: $ inside a name, any non-ASCII character, a BOM between tokens.
    ['a$b café Ω', ['word:a$b', 'word:café', 'word:Ω']],
    ['\uFEFFa', ['word:a']],
    ['U&"x"', ['word:U', 'operator:&', 'quoted:x']],
    ["E'\\''", ['word:E', "illegal:'\\''"]],
  ])('%j', (sql, tokens) => expect(lex(sql)).toEqual(tokens));

  it('ends the text at a NUL, as SQLite reads a C string, and marks it illegal', () => {
    expect(lex("a /* \u0000 */ ; DROP")).toEqual(['word:a', 'illegal:\u0000 */ ; DROP']);
    expect(lex("'a\u0000'")).toEqual(["illegal:'a", "illegal:\u0000'"]);
  });

  it('keeps the position of each token in the source', () => {
    const sql = ' "a" + 1';
    expect(lexSqlite(sql).map((t) => sql.slice(t.start, t.end))).toEqual(['"a"', '+', '1']);
  });
});
