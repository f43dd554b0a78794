import { describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import { parseChangeKey } from './parse-change-key.js';

const cols = (n: number) => ({ kind: 'columns' as const, columns: Array.from({ length: n }, (_, i) => `c${i}`) });

describe('parseChangeKey', () => {
  it.each([
    ['rowid as bigint', { kind: 'rowid' as const }, 9007199254740993n, [9007199254740993n]],
    ['rowid as number', { kind: 'rowid' as const }, 42, [42n]],
    ['keyless table rowid', { kind: 'none' as const }, -7n, [-7n]],
    ['integer token', cols(1), 'i-9223372036854775808', [-9223372036854775808n]],
    ['real token', cols(1), 'r0.1', [0.1]],
    ['real exponent', cols(1), 'r1.0e+300', [1e300]],
    ['real overflow is Inf', cols(1), 'r9.0e+999', [Infinity]],
    ['text token (UTF-8 bytes)', cols(1), 'tC3A9742C27', ["ét,'"]],
    ['empty text', cols(1), 't', ['']],
    ['blob token', cols(1), 'b00FF', [Buffer.from([0, 255])]],
    ['null', cols(1), 'n', [null]],
    ['two columns', cols(2), 'i1,t61', [1n, 'a']],
  ])('%s', (_name, key, logged, expected) => {
    expect(parseChangeKey('t', key, logged)).toEqual(expected);
  });

  it('reads UTF-16 text in either byte order', () => {
    expect(parseChangeKey('t', cols(1), 't6100E900', 'UTF-16le')).toEqual(['aé']);
    expect(parseChangeKey('t', cols(1), 't006100E9', 'UTF-16be')).toEqual(['aé']);
  });

  it.each([
    ['a rowid as text', { kind: 'rowid' as const }, '12'],
    ['a rowid past 2^53 as a double', { kind: 'rowid' as const }, 2 ** 60],
    ['a column key as a number', cols(1), 12],
    ['too few values', cols(2), 'i1'],
    ['too many values', cols(1), 'i1,i2'],
    ['an unknown tag', cols(1), 'x12'],
    ['odd hex', cols(1), 't616'],
    ['hex that is not hex', cols(1), 'bzz'],
    ['an integer with a fraction', cols(1), 'i1.5'],
    ['an integer too long', cols(1), 'i12345678901234567890'],
    ['a real that is SQL', cols(1), "r1; DROP TABLE x"],
    ['null with a body', cols(1), 'nx'],
  ])('refuses %s as ONLINE_LOG_DAMAGED', (_name, key, logged) => {
    let caught: unknown;
    try {
      parseChangeKey('media', key, logged);
    } catch (err) {
      caught = err;
    }
    expect(isCatdbError(caught, 'ONLINE_LOG_DAMAGED')).toBe(true);
    expect((caught as Error).message).toContain('media');
  });

  it('refuses odd-length UTF-16 text', () => {
    expect(() => parseChangeKey('t', cols(1), 't6100E9', 'UTF-16le')).toThrow(/cannot read key token/);
  });
});
