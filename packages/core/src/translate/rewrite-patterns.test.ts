import { describe, expect, it } from 'vitest';
import { globToSimilar, likeForPg, printfToFormat } from './rewrite-patterns.js';

describe('globToSimilar', () => {
  it.each<[string, string | undefined]>([
    ['a*', 'a%'],
    ['b?t?', 'b_t_'],
    ['[A-Z]*', '[A-Z]%'],
    ['[^0-9]x', '[^0-9]x'],
    ['[]a]', '[]a]'],
    ['*_%*', '%\\_\\%%'],
    ['a.b|c(d)+{2}', 'a\\.b\\|c\\(d\\)\\+\\{2\\}'],
    ['back\\slash', 'back\\\\slash'],
    ['[1-2][0-9]T[0-5][0-9].[0-9]Z', '[1-2][0-9]T[0-5][0-9]\\.[0-9]Z'],
    ['[abc', undefined],
    ['[a%]', undefined],
  ])('%j → %j', (glob, similar) => {
    expect(globToSimilar(glob)).toBe(similar);
  });
});

describe('likeForPg', () => {
  it.each([
    ['a%', 'a%'],
    ['gamma\\_%', 'gamma\\\\_%'],
  ])('%j → %j', (pattern, pg) => {
    expect(likeForPg(pattern)).toBe(pg);
  });
});

describe('printfToFormat', () => {
  it.each<[string, ReturnType<typeof printfToFormat>]>([
    ['%s has %d', { format: '%s has %s', integers: [1] }],
    ['%i%% of %s', { format: '%s%% of %s', integers: [0] }],
    ['plain', { format: 'plain', integers: [] }],
    ['%5.2f', undefined],
    ['%x', undefined],
    ['%-10s', undefined],
    ['%', undefined],
  ])('%j', (format, expected) => {
    expect(printfToFormat(format)).toEqual(expected);
  });
});
