/**
 * A float4 value as PostgreSQL's float4out prints it with extra_float_digits = 1 (the
 * default since PostgreSQL 12): the shortest text that reads back to the same float4,
 * in fixed notation for decimal exponents -4..5 and `d.ddde+XX` otherwise
 * (`1.234567e+06`, `1.234e-05`). `x` must already be a float4 (`Math.fround`).
 */
export function formatFloat4(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // The fewest significant digits that still name this float4 (at most 9 are needed).
  let exponential = x.toExponential(8);
  for (let p = 1; p <= 9; p++) {
    const candidate = x.toExponential(p - 1);
    if (Math.fround(Number(candidate)) === x) {
      exponential = candidate;
      break;
    }
  }
  const [mantissa, expText] = exponential.split('e') as [string, string];
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '').replace(/0+$/, '') || '0';
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exp);
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
