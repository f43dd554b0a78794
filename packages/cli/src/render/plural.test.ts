import { describe, expect, it } from 'vitest';
import { plural } from './plural.js';

describe('plural', () => {
  it.each([
    [0, 'table', undefined, '0 tables'],
    [1, 'table', undefined, '1 table'],
    [2, 'table', undefined, '2 tables'],
    [1, 'row', '1', '1 row'],
    [1234, 'row', '1,234', '1,234 rows'],
    [1n, 'change', undefined, '1 change'],
    [3n, 'change', undefined, '3 changes'],
    [1, 'index', undefined, '1 index'],
    [2, 'index', undefined, '2 indexes'],
    [2, 'virtual table', undefined, '2 virtual tables'],
  ] as const)('%s %s → %s', (n, noun, shown, expected) => {
    expect(plural(n, noun, shown)).toBe(expected);
  });
});
