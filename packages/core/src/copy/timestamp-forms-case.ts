const D = '[0-9]';
export const DATE_GLOB = `${D}${D}${D}${D}-[01]${D}-[0-3]${D}`;
export const TIME_GLOB = `[0-2]${D}:[0-5]${D}:[0-5]${D}`;
const BASE = `${DATE_GLOB}[ T]${TIME_GLOB}`;

/** Which of the accepted text forms a timestamp has: what the caller makes of it. */
export type TimestampForm = 'date' | 'whole' | 'fraction' | 'offset';

/**
 * A SQLite CASE that checks a text timestamp against the ISO forms both paths read the
 * same way (date only; date and time; 1–6 fractional digits; each optionally with Z;
 * with `offsets`, also ±HH:MM) and yields `render(form)` for it, `cannot` for anything
 * else. The length picks the forms a value can have, so a value meets one or two GLOBs:
 * testing every form in turn cost four times as much on fractional timestamps.
 */
export function timestampFormsCase(c: string, cannot: string, render: (form: TimestampForm) => string, options: { offsets: boolean }): string {
  const byLength = new Map<number, { glob: string; form: TimestampForm }[]>();
  const add = (glob: string, length: number, form: TimestampForm): void => void byLength.set(length, [...(byLength.get(length) ?? []), { glob, form }]);
  add(DATE_GLOB, 10, 'date');
  add(BASE, 19, 'whole');
  add(`${BASE}Z`, 20, 'whole');
  for (let digits = 1; digits <= 6; digits++) {
    add(`${BASE}.${D.repeat(digits)}`, 20 + digits, 'fraction');
    add(`${BASE}.${D.repeat(digits)}Z`, 21 + digits, 'fraction');
  }
  if (options.offsets) add(`${BASE}[+-]${D}${D}:${D}${D}`, 25, 'offset');
  const branches = [...byLength].map(([length, forms]) => {
    const kinds = [...new Set(forms.map((f) => f.form))];
    const tests = kinds.map((kind) => `WHEN ${forms.filter((f) => f.form === kind).map((f) => `${c} GLOB '${f.glob}'`).join(' OR ')} THEN ${render(kind)}`);
    return `WHEN ${length} THEN CASE ${tests.join(' ')} ELSE ${cannot} END`;
  });
  return `CASE length(${c}) ${branches.join(' ')} ELSE ${cannot} END`;
}
