import { describe, expect, it } from 'vitest';
import { compoundSelectTypes } from './compound-select-types.js';
import { lexSqlite } from '../sqlite/lex-sqlite.js';

const KINDS: Record<string, string> = { deprecated: 'boolean', flag: 'boolean', code: 'mixed', name: 'text', n: 'integer' };

/** The texts of the tokens found, for readability. */
function found(sql: string): { booleans: string[]; toText: string[] } {
  const tokens = lexSqlite(sql);
  const r = compoundSelectTypes(tokens, (t) => KINDS[t.value.toLowerCase()]);
  return {
    booleans: [...r.booleans].map((i) => `${i}:${tokens[i]!.text}`),
    toText: [...r.toText].map(([a, b]) => tokens.slice(a, b + 1).map((t) => t.text).join('')),
  };
}

describe('compoundSelectTypes', () => {
  it.each<[string, { booleans: string[]; toText: string[] }]>([
    ["SELECT 'a', deprecated FROM t UNION ALL SELECT 'b', 0 FROM u", { booleans: ['11:0'], toText: [] }],
    ['SELECT 1 AS x FROM t UNION SELECT flag AS y FROM u', { booleans: ['1:1'], toText: [] }],
    ['SELECT deprecated FROM t WHERE 1 = 1', { booleans: [], toText: [] }],
    ['SELECT t.code FROM t UNION ALL SELECT n FROM u', { booleans: [], toText: ['t.code', 'n'] }],
    ['SELECT name FROM t UNION SELECT n FROM u UNION SELECT NULL FROM v', { booleans: [], toText: ['n'] }],
    ['SELECT n FROM t UNION SELECT n + 1 FROM u', { booleans: [], toText: [] }],
    ['SELECT x FROM (SELECT flag AS x FROM t UNION SELECT 1 FROM u)', { booleans: ['12:1'], toText: [] }],
    ['SELECT 0, 1 FROM t', { booleans: [], toText: [] }],
  ])('%s', (sql, expected) => {
    expect(found(sql)).toEqual(expected);
  });
});
