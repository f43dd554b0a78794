import { describe, expect, it } from 'vitest';
import { callArguments } from './call-arguments.js';
import { lexSqlite } from '../sqlite/lex-sqlite.js';

describe('callArguments', () => {
  it.each<[string, string[], number]>([
    ['f()', [], 2],
    ['f(a)', ['a'], 3],
    ["f(a, g(b, c), 'x,y')", ['a', 'g(b,c)', "'x,y'"], 12],
    ['f(a, (b, c)) + 1', ['a', '(b,c)'], 9],
    ['f(a, b', ['a', 'b'], 4],
  ])('%s', (sql, args, close) => {
    const tokens = lexSqlite(sql);
    const r = callArguments(tokens, 1);
    expect(r.args.map((a) => a.map((t) => t.text).join(''))).toEqual(args);
    expect(r.close).toBe(close);
  });
});
