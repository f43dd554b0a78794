import { describe, expect, it } from 'vitest';
import { formatFloat8, normalizeNumericText } from './format-float.js';

describe('formatFloat8 (float8out with extra_float_digits = 1)', () => {
  it.each([
    [0, '0'], [-0, '-0'], [1, '1'], [-2.5, '-2.5'], [0.1, '0.1'], [1 / 3, '0.3333333333333333'],
    [1e14, '100000000000000'], [1e15, '1e+15'], [1.5e15, '1.5e+15'], [1e-4, '0.0001'], [1.2e-5, '1.2e-05'],
    [5e-324, '5e-324'], [1.7976931348623157e308, '1.7976931348623157e+308'], [2 ** 53, '9.007199254740992e+15'],
    [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [NaN, 'NaN'], [123e100, '1.23e+102'],
  ])('%d → %s', (x, text) => {
    expect(formatFloat8(x)).toBe(text);
    expect(Number(text === 'Infinity' ? Infinity : text)).toBe(x);
  });
});

describe('normalizeNumericText (numeric_out of numeric_in)', () => {
  it.each<[string, number | undefined, string]>([
    ['1.50', undefined, '1.50'], ['1e3', undefined, '1000'], ['1.0e-2', undefined, '0.010'], ['-0', undefined, '0'],
    ['-0.00', undefined, '0.00'], ['000123', undefined, '123'], ['.5', undefined, '0.5'], ['5.', undefined, '5'],
    ['1E+21', undefined, '1000000000000000000000'], ['1.5e-7', undefined, '0.00000015'], ['+7', undefined, '7'],
    ['0.99', 2, '0.99'], ['1', 2, '1.00'], ['1.005', 2, '1.01'], ['-1.005', 2, '-1.01'], ['9.995', 2, '10.00'],
    ['0.004', 2, '0.00'], ['-0.004', 2, '0.00'], ['12.3456', 0, '12'], ['2.5', 0, '3'],
  ])('%s (scale %s) → %s', (input, scale, out) => expect(normalizeNumericText(input, scale)).toBe(out));
});
