import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { printfToFormat } from './rewrite-patterns.js';

/**
 * printf(format, …) as PostgreSQL's format(): the format string it takes, and the
 * arguments that %d or %i print (the caller makes them integers, SQLite's way, through
 * catdb_sqlite.printf_int). The format must be one string literal.
 */
export function translatePrintf(word: string, args: readonly (readonly SqliteToken[])[], compatFunctions: boolean): { format: string; integers: (readonly SqliteToken[])[] } | { untranslated: string } {
  const first = args[0];
  const format = first?.length === 1 && first[0]!.kind === 'string' ? printfToFormat(first[0]!.value) : undefined;
  const name = word.toLowerCase();
  if (format === undefined) return { untranslated: `it calls ${name}() with a format PostgreSQL's format() does not read the same (only %s, %d, %i and %% are carried)` };
  if (format.integers.length > 0 && !compatFunctions) return { untranslated: `it calls ${name}() with %d, which needs catdb's compat functions (schema catdb_sqlite): not used in indexes, or turned off by --no-compat-functions` };
  const integers = format.integers.map((k) => args[k + 1]).filter((a): a is readonly SqliteToken[] => a !== undefined && a.length > 0);
  return { format: format.format, integers };
}
