import { describe, expect, it } from 'vitest';
import { lexSqlite } from '../sqlite/lex-sqlite.js';
import { foldDatetimeCall, strftimeToChar } from './translate-datetime.js';

const argsOf = (sql: string) => {
  const tokens = lexSqlite(sql);
  const args: ReturnType<typeof lexSqlite>[] = [[]];
  for (const t of tokens) {
    if (t.kind === 'operator' && t.text === ',') args.push([]);
    else args.at(-1)!.push(t);
  }
  return args;
};

describe('foldDatetimeCall', () => {
  it.each<[string, string, { value: string | null } | undefined]>([
    ['DATETIME', "'1997-01-01'", { value: '1997-01-01 00:00:00' }],
    ['datetime', "'1997-12-31 10:11'", { value: '1997-12-31 10:11:00' }],
    ['date', "'2020-02-29T23:59:59'", { value: '2020-02-29' }],
    ['time', "'2020-02-29 23:59:59.5'", { value: '23:59:59' }],
    ['date', "'2021-02-30'", undefined],
    ['datetime', "'2021-01-01 25:00'", { value: null }],
    ['datetime', "'now'", undefined],
    ['datetime', "'1997-01-01', '+1 day'", undefined],
    ['datetime', 'x', undefined],
    ['julianday', "'1997-01-01'", undefined],
  ])('%s(%s)', (name, args, expected) => {
    expect(foldDatetimeCall(name, argsOf(args))).toEqual(expected);
  });
});

describe('strftimeToChar', () => {
  it.each<[string, string | undefined]>([
    ['%Y-%m-%dT%H:%M:%fZ', 'YYYY"-"MM"-"DD"T"HH24":"MI":"SS.MS"Z"'],
    ['%Y-%m-%d %H:%M:%S', 'YYYY"-"MM"-"DD" "HH24":"MI":"SS'],
    ['%d/%m/%Y', 'DD"/"MM"/"YYYY'],
    ['%F %T', 'YYYY-MM-DD" "HH24:MI:SS'],
    ['100%%', '"100%"'],
    ['say "hi" %H', '"say \\"hi\\" "HH24'],
    ['%s', undefined],
    ['%J', undefined],
    ['%W', undefined],
    ['%', undefined],
  ])('%j → %j', (format, picture) => {
    expect(strftimeToChar(format)).toBe(picture);
  });
});
