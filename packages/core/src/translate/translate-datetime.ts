import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { walkPercentFormat } from './walk-percent-format.js';

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;
const OUTPUT: Readonly<Record<string, (d: string, t: string) => string>> = {
  datetime: (d, t) => `${d} ${t}`,
  date: (d) => d,
  time: (_d, t) => t,
};

/**
 * The value of `date`, `time` or `datetime` called with one date literal and no modifier
 * (`DATETIME('1997-01-01')`), computed now: the result is then an untyped literal that
 * PostgreSQL compares with a date or timestamp column as SQLite compared the text.
 * `null` where SQLite answers NULL; undefined for any other call (the compat function then
 * computes it when the query runs).
 */
export function foldDatetimeCall(name: string, args: readonly (readonly SqliteToken[])[]): { value: string | null } | undefined {
  const output = OUTPUT[name.toLowerCase()];
  const only = args.length === 1 && args[0]!.length === 1 ? args[0]![0]! : undefined;
  if (!output || only?.kind !== 'string') return undefined;
  const m = DATE_TEXT.exec(only.value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  // SQLite carries a day past the month's end (2021-02-30 is 2021-03-02): rare in a view; left to the compat function.
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) > days) return undefined;
  if (Number(h) > 24 || Number(mi) > 59 || Number(s) > 59) return { value: null };
  return { value: output(`${y}-${mo}-${d}`, `${h}:${mi}:${s}`) };
}

/** strftime codes with a fixed to_char picture (https://www.sqlite.org/lang_datefunc.html). */
const TO_CHAR: Readonly<Record<string, string>> = {
  d: 'DD', f: 'SS.MS', F: 'YYYY-MM-DD', H: 'HH24', I: 'HH12', j: 'DDD', m: 'MM', M: 'MI', p: 'AM', P: 'am',
  R: 'HH24:MI', S: 'SS', T: 'HH24:MI:SS', u: 'ID', V: 'IW', G: 'IYYY', g: 'IY', Y: 'YYYY',
};

/**
 * A to_char picture that writes a time as SQLite's strftime writes it with `format`, or
 * undefined when a code has no picture (`%s`, `%J`, `%w`, `%W`, …). Text between codes
 * is quoted so that to_char copies it.
 */
export function strftimeToChar(format: string): string | undefined {
  let out = '';
  let text = '';
  const flush = (): void => {
    if (text) out += `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    text = '';
  };
  const ok = walkPercentFormat(
    format,
    (c) => void (text += c),
    (code) => {
      const picture = code === undefined ? undefined : TO_CHAR[code];
      if (picture === undefined) return false;
      flush();
      out += picture;
      return true;
    },
  );
  if (!ok) return undefined;
  flush();
  return out;
}
