import { CatdbError } from '@catdb/core';

const UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * A commander value parser for a duration: `500ms`, `5s`, `2m` (or `2min`), `1h`, decimals
 * allowed; a bare number is seconds, as in Nagios plugins' `-t`. Returns milliseconds.
 * `bareMs` keeps an option that always took milliseconds working, with a note on stderr.
 * Errors: USAGE_INVALID_OPTION, also for zero when `positive`.
 */
export function parseDuration(option: string, options: { positive?: boolean; bareMs?: boolean } = {}): (value: string) => number {
  return (value: string) => {
    const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
    const unit = m?.[2]?.toLowerCase() ?? '';
    const ms = m && (unit === '' || unit in UNITS) ? Number(m[1]) * (unit === '' ? (options.bareMs ? 1 : 1000) : UNITS[unit]!) : NaN;
    if (!Number.isFinite(ms) || (options.positive && ms <= 0)) {
      throw new CatdbError('USAGE_INVALID_OPTION', `${option}: "${value}" is not a ${options.positive ? 'positive ' : ''}duration`, {
        hint: 'Write a number with a unit: 500ms, 5s, 2m, 1h (a bare number is seconds).',
        details: { option, value },
      });
    }
    if (unit === '' && options.bareMs) process.stderr.write(`note: ${option} ${value} is read as milliseconds, as before; write it with a unit (${value}ms), like the other durations.\n`);
    return ms;
  };
}
