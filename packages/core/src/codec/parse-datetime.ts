import { ValueRejected } from './value-rejected.js';

/** A point in time, split so that no precision is lost in a JS number. */
export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0..999999 */
  micros: number;
  /** Offset east of UTC in minutes, when the text carried one. */
  offsetMinutes?: number;
}

// YYYY-MM-DD, then optionally [T ]HH:MM[:SS[.f…]], then optionally Z / ±HH[:MM] / ±HHMM,
// optionally followed by a zone name as Go's time.String() writes it ("… -0700 MST").
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?(?:\s+[A-Z]{2,5})?$/i;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const JULIAN_UNIX_EPOCH = 2440587.5;

/**
 * Reads the date/time forms SQLite's date functions and common drivers write:
 * `YYYY-MM-DD HH:MM:SS.fff`, ISO 8601 with `T`, `Z` or an offset (Go's
 * `2006-01-02 15:04:05.999999999-07:00` too). Fractions beyond microseconds are
 * rounded half up, as PostgreSQL keeps microseconds. Impossible dates are rejected.
 */
export function parseDateTimeText(text: string): DateTimeParts {
  const m = DATETIME.exec(text.trim());
  if (!m) throw new ValueRejected(`not a date/time: ${JSON.stringify(text.slice(0, 40))}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', off] = m;
  const parts: DateTimeParts = { year: +y!, month: +mo!, day: +d!, hour: +h, minute: +mi, second: +s, micros: 0 };
  if (frac) {
    const nine = frac.padEnd(9, '0');
    parts.micros = Number(nine.slice(0, 6)) + (Number(nine[6]) >= 5 ? 1 : 0);
  }
  if (off && off.toUpperCase() !== 'Z') {
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 15 || om > 59) throw new ValueRejected(`impossible UTC offset ${off}`);
    parts.offsetMinutes = sign * (oh * 60 + om);
  } else if (off) {
    parts.offsetMinutes = 0;
  }
  validate(parts, text);
  if (parts.micros === 1_000_000) {
    parts.micros = 0;
    return shift(parts, 1000);
  }
  return parts;
}

function validate(p: DateTimeParts, text: string): void {
  const bad = (what: string): never => {
    throw new ValueRejected(`${what}: ${JSON.stringify(text.slice(0, 40))}`);
  };
  if (p.year < 1) bad('year 0 does not exist');
  if (p.month < 1 || p.month > 12) bad('no such month');
  const dim = new Date(Date.UTC(2000, p.month, 0)).getUTCDate();
  const leap = p.year % 4 === 0 && (p.year % 100 !== 0 || p.year % 400 === 0);
  const days = p.month === 2 ? (leap ? 29 : 28) : dim;
  if (p.day < 1 || p.day > days) bad('no such day');
  if (p.hour > 23 || p.minute > 59 || p.second > 59) bad('no such time of day');
}

/** Milliseconds since the unix epoch of the wall-clock parts (micros excluded). */
function wallMillis(p: DateTimeParts): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, 0);
  return d.getTime();
}

function fromMillis(ms: number, micros: number): DateTimeParts {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) throw new ValueRejected('date/time out of range');
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    micros,
  };
}

function shift(p: DateTimeParts, ms: number): DateTimeParts {
  const out = fromMillis(wallMillis(p) + ms, p.micros);
  if (p.offsetMinutes !== undefined) out.offsetMinutes = p.offsetMinutes;
  return out;
}

/** The same instant in UTC (an offset-less value is taken as UTC already). */
export function toUtc(p: DateTimeParts): DateTimeParts {
  if (!p.offsetMinutes) return { ...p, offsetMinutes: 0 };
  const out = fromMillis(wallMillis(p) - p.offsetMinutes * 60_000, p.micros);
  out.offsetMinutes = 0;
  return out;
}

/** Unix seconds (integer or fractional), as apps store `time.Now().Unix()`. */
export function fromUnixSeconds(seconds: number): DateTimeParts {
  if (!Number.isFinite(seconds)) throw new ValueRejected(`not a point in time: ${seconds}`);
  const whole = Math.floor(seconds);
  let micros = Math.round((seconds - whole) * 1_000_000);
  let ms = whole * 1000;
  if (micros === 1_000_000) {
    micros = 0;
    ms += 1000;
  }
  if (Math.abs(ms) > 253402300799000) throw new ValueRejected(`unix time ${seconds} is out of range`);
  const p = fromMillis(ms, micros);
  p.offsetMinutes = 0;
  return p;
}

/** A Julian day number, SQLite's own numeric date form (julianday()). */
export function fromJulianDay(jd: number): DateTimeParts {
  return fromUnixSeconds((jd - JULIAN_UNIX_EPOCH) * 86400);
}

/** Reals in this range are Julian days (year 0 to 9999); other numbers are unix seconds. */
export function isPlausibleJulianDay(x: number): boolean {
  return x >= 1721059.5 && x < 5373484.5;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * A UTC timestamp as PostgreSQL prints it with DateStyle ISO (a `timestamptz` in a UTC
 * session, with `zone`): `YYYY-MM-DD HH:MM:SS`, a fraction only when there is one and
 * without trailing zeros, `+00` for timestamptz, ` BC` for years before 1.
 */
export function formatTimestamp(p: DateTimeParts, zone = false): string {
  const frac = p.micros ? `.${pad(p.micros, 6).replace(/0+$/, '')}` : '';
  const year = p.year >= 1 ? p.year : 1 - p.year;
  return `${pad(year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${frac}${zone ? '+00' : ''}${p.year >= 1 ? '' : ' BC'}`;
}

export function formatDate(p: DateTimeParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

export function parseTimeText(text: string): string {
  const m = TIME.exec(text.trim());
  if (!m) throw new ValueRejected(`not a time of day: ${JSON.stringify(text.slice(0, 40))}`);
  const [, h, mi, s = '0', frac = ''] = m;
  if (+h! > 23 || +mi! > 59 || +s > 59) throw new ValueRejected(`no such time of day: ${JSON.stringify(text)}`);
  const micros = frac ? Math.min(999999, Number(frac.padEnd(9, '0').slice(0, 6)) + (Number(frac.padEnd(9, '0')[6]) >= 5 ? 1 : 0)) : 0;
  return `${pad(+h!)}:${pad(+mi!)}:${pad(+s)}.${pad(micros, 6)}`;
}
