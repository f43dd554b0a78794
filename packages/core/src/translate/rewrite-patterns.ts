import { walkPercentFormat } from './walk-percent-format.js';

/**
 * A GLOB pattern as a SIMILAR TO pattern (both case-sensitive, both matching the whole
 * string): `*` → `%`, `?` → `_`, `[…]` kept, every other SIMILAR TO metacharacter escaped
 * with a backslash. Undefined for a bracket expression that does not close.
 */
export function globToSimilar(glob: string): string | undefined {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '%';
    else if (c === '?') out += '_';
    else if (c === '[') {
      // `]` right after `[` or `[^` is a member, as in GLOB.
      let j = i + 1;
      if (glob[j] === '^') j++;
      if (glob[j] === ']') j++;
      const end = glob.indexOf(']', j);
      if (end < 0) return undefined;
      const members = glob.slice(i + 1, end);
      if (/[\\%_[]/.test(members.replace(/^\^?\]?/, ''))) return undefined;
      out += `[${members}]`;
      i = end;
    } else out += /[|*+?{}()[\]%_\\.]/.test(c) ? `\\${c}` : c;
  }
  return out;
}

/** A LIKE pattern for PostgreSQL, whose LIKE takes a backslash as escape where SQLite's takes none. */
export function likeForPg(pattern: string): string {
  return pattern.replace(/\\/g, '\\\\');
}

/**
 * A printf format string for PostgreSQL's format(): `%s`, `%d`, `%i` and `%%` with no flag,
 * width or precision, all as `%s`; `integers` lists the (0-based) arguments that %d or %i
 * print, which the caller makes integers first (SQLite prints NULL as 0 and 2.7 as 2 there).
 * Undefined for any other format.
 */
export function printfToFormat(format: string): { format: string; integers: number[] } | undefined {
  let out = '';
  const integers: number[] = [];
  let arg = 0;
  const ok = walkPercentFormat(
    format,
    // PostgreSQL's format() reads a literal % as %%.
    (c) => void (out += c === '%' ? '%%' : c),
    (code) => {
      if (code !== 's' && code !== 'd' && code !== 'i') return false;
      if (code !== 's') integers.push(arg);
      arg++;
      out += '%s';
      return true;
    },
  );
  return ok ? { format: out, integers } : undefined;
}
