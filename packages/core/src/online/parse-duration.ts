import { CatdbError } from '../errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * A duration option (`--max-pause 2s`, `500ms`, `1.5s`, `2min`) in milliseconds; a bare
 * number is seconds.
 *
 * Throws USAGE_INVALID_OPTION.
 */
export function parseDuration(text: string, option: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? (m[2]!.toLowerCase() || 's') : '';
  if (!m || !(unit in UNITS)) {
    throw new CatdbError('USAGE_INVALID_OPTION', `${option}: cannot read "${text}" as a duration`, {
      hint: 'Use a number with a unit: 500ms, 2s, 1.5s, 5min (a bare number is seconds).',
      details: { option, value: text },
    });
  }
  return Math.round(Number(m[1]) * UNITS[unit]!);
}
