import { quoteLiteral } from '../pg/quote-ident.js';
import { callArguments } from './call-arguments.js';
import { COMPAT_SCHEMA } from './compat-functions.js';
import type { PgPart } from './join-pg-parts.js';
import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { foldDatetimeCall } from './translate-datetime.js';
import { translateFunction } from './translate-functions.js';
import { translatePrintf } from './translate-printf.js';

/**
 * Whether PostgreSQL's own length or substr means the same: a text column or string, and
 * (substr) positions that are plain non-negative integers.
 */
function plainOnText(word: string, args: readonly (readonly SqliteToken[])[], kindOf: (t: SqliteToken) => string | undefined): boolean {
  const lower = word.toLowerCase();
  if (lower !== 'length' && lower !== 'substr' && lower !== 'substring') return false;
  const [first, ...rest] = args;
  if (!first || first.length === 0 || (lower === 'length') !== (rest.length === 0)) return false;
  const last = first.at(-1)!;
  const column = first.every((t, n) => (n % 2 === 1 ? t.kind === 'operator' && t.text === '.' : t.kind === 'word' || t.kind === 'quoted')) && first.length % 2 === 1;
  const text = (first.length === 1 && last.kind === 'string') || (column && kindOf(last) === 'text');
  return text && rest.length <= 2 && rest.every((a) => a.length === 1 && a[0]!.kind === 'number' && /^[0-9]+$/.test(a[0]!.text));
}

/** Text the renderer puts around a run of tokens. */
export interface Wrap {
  /** Index of the last token wrapped. */
  end: number;
  before: PgPart[];
  after: PgPart[];
}

export interface CallTranslation {
  /** What replaces the function's name (or, for a folded call, the whole call). */
  parts: PgPart[];
  /** The last token consumed: the name, or the `)` of a folded call. */
  end: number;
  compat: string[];
  /** String tokens to render with another value (printf's format), by index. */
  patterns: [number, string][];
  /** Arguments to wrap (printf's %d ones), by their first token's index. */
  wraps: [number, Wrap][];
}

/**
 * The call of the function named at i (its `(` at i + 1): a constant date folded into a
 * literal, PostgreSQL's own function, catdb's compat one, or a quoted name (`name`) for a
 * function SQLite does not have built in. See translateFunction.
 */
export function translateCall(
  tokens: readonly SqliteToken[],
  i: number,
  compatFunctions: boolean,
  name: (word: string) => string,
  kindOf: (t: SqliteToken) => string | undefined = () => undefined,
): CallTranslation | { untranslated: string } {
  const word = tokens[i]!.text;
  const { args, close } = callArguments(tokens, i + 1);
  const out: CallTranslation = { parts: [], end: i, compat: [], patterns: [], wraps: [] };
  const folded = foldDatetimeCall(word, args);
  if (folded) {
    if (folded.value !== null && folded.value.includes('\u0000')) return { untranslated: 'a string holds a NUL character' };
    return { ...out, parts: [folded.value === null ? { text: 'NULL', role: 'keyword' } : { text: quoteLiteral(folded.value), role: 'literal' }], end: close };
  }
  if (plainOnText(word, args, kindOf)) return { ...out, parts: [{ text: word.toLowerCase() === 'length' ? 'length' : 'substr', role: 'function' }] };
  const f = translateFunction(word, args.length, compatFunctions);
  if (f === undefined) return { ...out, parts: [{ text: name(word), role: 'function' }] };
  if ('untranslated' in f) return f;
  if ('compat' in f) return { ...out, parts: [{ text: `${COMPAT_SCHEMA}.${f.compat}`, role: 'function' }], compat: [f.compat] };
  if (f.name === 'format') {
    const format = translatePrintf(word, args, compatFunctions);
    if ('untranslated' in format) return format;
    out.patterns.push([i + 2, format.format]);
    for (const arg of format.integers) {
      out.compat = ['printf_int'];
      const before: PgPart[] = [{ text: `${COMPAT_SCHEMA}.printf_int`, role: 'function' }, { text: '(', role: 'open' }];
      out.wraps.push([tokens.indexOf(arg[0]!), { end: tokens.indexOf(arg.at(-1)!), before, after: [{ text: ')', role: 'close' }] }]);
    }
  }
  return { ...out, parts: [{ text: f.name, role: 'function' }] };
}
