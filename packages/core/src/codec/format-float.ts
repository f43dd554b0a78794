/**
 * A double as PostgreSQL's float8out prints it with extra_float_digits = 1 (the default
 * since PostgreSQL 12): the shortest text that reads back to the same double, in fixed
 * notation for decimal exponents -4..14 and `d.ddde+XX` otherwise.
 * Also a valid COPY input that round-trips exactly (-0, subnormals, ±Infinity, NaN).
 */
export function formatFloat8(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // Here JavaScript's own shortest form is fixed notation too, and the same text.
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e15) return String(x);
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 15) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exp);
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return sign + placeDecimalPoint(digits, exp);
}

/** Digits d1d2d3… with the point after position exp+1 (exp may be negative). */
function placeDecimalPoint(digits: string, exp: number): string {
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length);
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/**
 * A decimal literal (`1.50`, `-3e-2`, `1E+21`) as PostgreSQL's numeric_out prints the
 * value numeric_in made of it: no exponent, display scale max(0, decimals - exponent);
 * with `scale` given, rounded half away from zero to that many decimals (numeric(p,s)).
 */
export function normalizeNumericText(text: string, scale?: number): string {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return text.trim();
  const [, signText, intPart = '', fracPart = '', expText] = m;
  const exp = Number(expText ?? 0);
  let digits = intPart + fracPart;
  let pointAt = intPart.length + exp;
  let dscale = Math.max(0, fracPart.length - exp);
  // Represent as all digits with an implied point at index pointAt (may be outside the string).
  if (pointAt < 0) {
    digits = '0'.repeat(-pointAt) + digits;
    pointAt = 0;
  }
  if (digits.length < pointAt + dscale) digits = digits + '0'.repeat(pointAt + dscale - digits.length);
  let whole = digits.slice(0, pointAt) || '0';
  let frac = digits.slice(pointAt, pointAt + dscale);
  if (scale !== undefined) {
    const rest = digits.slice(pointAt + scale);
    frac = (digits.slice(pointAt) + '0'.repeat(scale)).slice(0, scale);
    dscale = scale;
    if (rest.length > 0 && rest[0]! >= '5') {
      const bumped = incrementDecimal(whole + frac);
      whole = bumped.slice(0, bumped.length - scale) || '0';
      frac = bumped.slice(bumped.length - scale);
    }
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  const isZero = /^0*$/.test(whole + frac);
  const sign = signText === '-' && !isZero ? '-' : '';
  return dscale > 0 ? `${sign}${whole}.${frac}` : `${sign}${whole}`;
}

function incrementDecimal(digits: string): string {
  const arr = digits.split('');
  for (let i = arr.length - 1; i >= 0; i--) {
    if (arr[i] === '9') arr[i] = '0';
    else {
      arr[i] = String(Number(arr[i]) + 1);
      return arr.join('');
    }
  }
  return '1' + arr.join('');
}
