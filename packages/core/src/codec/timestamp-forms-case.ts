const D = '[0-9]';
export const DATE_GLOB = `${D}${D}${D}${D}-[01]${D}-[0-3]${D}`;
export const TIME_GLOB = `[0-2]${D}:[0-5]${D}:[0-5]${D}`;

/** Which of the accepted text forms a timestamp has: what the caller makes of it. */
export interface TimestampForm {
  kind: 'date' | 'whole' | 'fraction' | 'offset';
  /** Date and time separated by a T rather than a space. */
  t: boolean;
  /** Ends in Z. */
  zulu: boolean;
}

/**
 * A SQLite CASE that checks a text timestamp against the ISO forms both paths read the
 * same way (date only; date and time; 1–6 fractional digits; each optionally with Z;
 * with `offsets`, also ±HH:MM) and yields `render(form)` for it, `cannot` for anything
 * else. The length picks the forms a value can have, so a value meets one or two GLOBs:
 * testing every form in turn cost four times as much on fractional timestamps. Where the
 * rendering does not depend on the separator, one GLOB takes both.
 */
export function timestampFormsCase(c: string, cannot: string, render: (form: TimestampForm) => string, options: { offsets: boolean }): string {
  const byLength = new Map<number, { glob: string; sql: string }[]>();
  const add = (length: number, kind: TimestampForm['kind'], zulu: boolean, glob: (separator: string) => string): void => {
    const space = render({ kind, t: false, zulu });
    const t = render({ kind, t: true, zulu });
    const forms = space === t ? [{ glob: glob('[ T]'), sql: space }] : [{ glob: glob(' '), sql: space }, { glob: glob('T'), sql: t }];
    byLength.set(length, [...(byLength.get(length) ?? []), ...forms]);
  };
  const base = (separator: string): string => `${DATE_GLOB}${separator}${TIME_GLOB}`;
  byLength.set(10, [{ glob: DATE_GLOB, sql: render({ kind: 'date', t: false, zulu: false }) }]);
  add(19, 'whole', false, base);
  add(20, 'whole', true, (s) => `${base(s)}Z`);
  for (let digits = 1; digits <= 6; digits++) {
    add(20 + digits, 'fraction', false, (s) => `${base(s)}.${D.repeat(digits)}`);
    add(21 + digits, 'fraction', true, (s) => `${base(s)}.${D.repeat(digits)}Z`);
  }
  if (options.offsets) add(25, 'offset', false, (s) => `${base(s)}[+-]${D}${D}:${D}${D}`);
  const branches = [...byLength].map(([length, forms]) => {
    // Forms rendered alike share one WHEN.
    const sqls = [...new Set(forms.map((f) => f.sql))];
    const tests = sqls.map((sql) => `WHEN ${forms.filter((f) => f.sql === sql).map((f) => `${c} GLOB '${f.glob}'`).join(' OR ')} THEN ${sql}`);
    return `WHEN ${length} THEN CASE ${tests.join(' ')} ELSE ${cannot} END`;
  });
  return `CASE length(${c}) ${branches.join(' ')} ELSE ${cannot} END`;
}
