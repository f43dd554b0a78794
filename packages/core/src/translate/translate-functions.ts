import { COMPAT_FUNCTION_NAMES } from './compat-functions.js';
import { FUNCTION_RENAMES, FUNCTIONS, SCALAR_MIN_MAX } from './sql-words.js';

/**
 * How a call of a SQLite function is written in PostgreSQL: PostgreSQL's own function
 * (`name`, emitted bare), catdb's function of the same meaning in the `catdb_sqlite` schema
 * (`compat`), or not at all. `undefined`: not a SQLite built-in (a user function, a
 * table-valued function or a CTE), left to be a quoted name.
 */
export type FunctionTranslation = { name: string } | { compat: string } | { untranslated: string } | undefined;

/** SQLite functions that PostgreSQL has, but with another meaning for some arguments: the compat one keeps SQLite's. */
const COMPAT_PREFERRED: Readonly<Record<string, string>> = { length: 'length', substr: 'substr', substring: 'substr', round: 'round', random: 'random' };

/** Functions whose value is the SQLite connection's own state: nothing in PostgreSQL means the same. */
const CONNECTION_STATE = new Set(['changes', 'total_changes', 'last_insert_rowid', 'sqlite_version', 'sqlite_source_id', 'sqlite_compileoption_used', 'sqlite_compileoption_get', 'sqlite_offset', 'load_extension']);

/**
 * The translation of a call of `name` (any case) with `args` arguments. With
 * `compatFunctions` false, a function that needs catdb's compat schema is untranslated,
 * and one PostgreSQL has with a narrower meaning (length, substr, round) keeps that.
 * printf and format become PostgreSQL's format, whose format string the caller rewrites.
 */
export function translateFunction(name: string, args: number, compatFunctions: boolean): FunctionTranslation {
  const lower = name.toLowerCase();
  if (SCALAR_MIN_MAX[lower] && args > 1) return compatFunctions ? { compat: `${lower}_of` } : { name: SCALAR_MIN_MAX[lower] };
  if (FUNCTION_RENAMES[lower]) return { name: FUNCTION_RENAMES[lower] };
  if (lower === 'printf' || lower === 'format') return { name: 'format' };
  if (CONNECTION_STATE.has(lower)) return { untranslated: `it calls ${lower}(), which reads the state of the SQLite connection` };
  const compat = COMPAT_PREFERRED[lower] ?? (COMPAT_FUNCTION_NAMES.has(lower) ? lower : undefined);
  if (compat !== undefined && compatFunctions) return { compat };
  if (FUNCTIONS.has(lower)) return { name: lower };
  if (compat !== undefined) return { untranslated: `it calls ${lower}(), which needs catdb's compat functions (schema catdb_sqlite): not used in indexes, or turned off by --no-compat-functions` };
  return undefined;
}
