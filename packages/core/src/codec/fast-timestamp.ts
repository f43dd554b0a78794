const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100;
};
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * The common case of a timestamp, `YYYY-MM-DD HH:MM:SS[.f{1,6}]` or with `T`, no offset
 * (what SQLite's CURRENT_TIMESTAMP and datetime() write), turned into canonical text
 * without regular expressions or Date objects. Returns undefined for anything else
 * (offsets, nanoseconds, odd forms, impossible dates), which then take the full parser
 * so its error messages stay the only ones.
 */
export function fastTimestamp(s: string, zone = false): string | undefined {
  const n = s.length;
  if (n < 19 || n > 26) return undefined;
  const sep = s.charCodeAt(10);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > DAYS[month]! || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return undefined;
  let frac = '';
  if (n > 19) {
    if (s.charCodeAt(19) !== 46 || n === 20) return undefined;
    for (let i = 20; i < n; i++) if (digit(s, i) < 0) return undefined;
    const digits = s.slice(20).replace(/0+$/, '');
    if (digits) frac = `.${digits}`;
  }
  return `${s.slice(0, 10)} ${s.slice(11, 19)}${frac}${zone ? '+00' : ''}`;
}
