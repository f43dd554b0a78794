import { describe, expect, it } from 'vitest';
import { formatFloat4 } from './format-float4.js';

// Expected texts are what PostgreSQL 15 prints for `x::real::text` (extra_float_digits = 1).
describe('formatFloat4 (float4out with extra_float_digits = 1)', () => {
  it.each<[number, string]>([
    [1234567, '1.234567e+06'], [123456, '123456'], [0.0001, '0.0001'], [0.00001234, '1.234e-05'], [7.123456789, '7.123457'],
    [16777217, '1.6777216e+07'], [1e20, '1e+20'], [3.4e38, '3.4e+38'], [-0, '-0'], [0, '0'], [Infinity, 'Infinity'], [NaN, 'NaN'],
    [0.1, '0.1'], [1.808037, '1.808037'], [0.8816368526313454, '0.88163686'], [-2.5, '-2.5'], [100000, '100000'], [999999, '999999'],
  ])('%d → %s', (x, text) => {
    const f = Math.fround(x);
    expect(formatFloat4(f)).toBe(text);
    if (Number.isFinite(f)) expect(Math.fround(Number(text))).toBe(f);
  });
});
