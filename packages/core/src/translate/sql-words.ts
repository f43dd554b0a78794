/**
 * The words the translator may emit bare. Everything else from the source is a name and is
 * quoted, so that no source word can become PostgreSQL syntax it was not in SQLite.
 */

/**
 * Words SQLite reserves (a bare one is always a keyword there) and that mean the same in
 * PostgreSQL's expressions and queries.
 */
export const RESERVED_KEYWORDS: ReadonlySet<string> = new Set(
  'ALL AND AS BETWEEN CASE COLLATE DISTINCT ELSE ESCAPE EXCEPT EXISTS FROM GROUP HAVING IN INTERSECT IS ISNULL JOIN LIMIT NOT NOTNULL NULL ON OR ORDER SELECT THEN UNION USING VALUES WHEN WHERE'.split(' '),
);

/** Join words: SQLite lets them name columns too, so they are keywords only before JOIN. */
export const JOIN_KEYWORDS: ReadonlySet<string> = new Set(['CROSS', 'FULL', 'INNER', 'LEFT', 'NATURAL', 'OUTER', 'RIGHT']);

/** Keywords wherever they stand, but for a name next to a dot (`t.true`). */
export const VALUE_KEYWORDS: ReadonlySet<string> = new Set(['TRUE', 'FALSE', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP']);

/** Keywords inside `OVER (…)`; SQLite lets all of them name columns elsewhere. */
export const WINDOW_KEYWORDS: ReadonlySet<string> = new Set(
  'PARTITION ROWS RANGE GROUPS UNBOUNDED PRECEDING FOLLOWING CURRENT ROW EXCLUDE NO OTHERS TIES'.split(' '),
);

/** SQLite operators spelled as words that PostgreSQL does not have. */
export const SQLITE_ONLY_OPERATORS: ReadonlySet<string> = new Set(['GLOB', 'REGEXP', 'MATCH']);

/** SQLite operators and punctuation, and what PostgreSQL spells them as. */
export const OPERATOR_MAP: Readonly<Record<string, string>> = {
  '-': '-', '+': '+', '*': '*', '/': '/', '%': '%',
  '=': '=', '==': '=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '<>': '<>', '!=': '<>',
  '<<': '<<', '>>': '>>', '&': '&', '|': '|', '~': '~', '||': '||',
  '(': '(', ')': ')', ',': ',', '.': '.',
};

/**
 * SQLite functions that PostgreSQL has under the same name with the same meaning for the
 * arguments SQLite takes. Emitted bare: some (coalesce, nullif) are grammar in PostgreSQL
 * and cannot be called by a quoted name.
 */
export const FUNCTIONS: ReadonlySet<string> = new Set(
  (
    'abs avg coalesce concat concat_ws count length lower ltrim max min nullif octet_length replace round rtrim substr substring sum trim upper ' +
    'ceil ceiling floor exp ln log10 mod pi power sign sqrt trunc sin cos tan asin acos atan atan2 degrees radians ' +
    'row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value'
  ).split(' '),
);

/** SQLite functions PostgreSQL has under another name, same arguments. */
export const FUNCTION_RENAMES: Readonly<Record<string, string>> = { ifnull: 'coalesce', instr: 'strpos' };

/** With two or more arguments SQLite's min and max are scalar: PostgreSQL's least and greatest. */
export const SCALAR_MIN_MAX: Readonly<Record<string, string>> = { min: 'least', max: 'greatest' };

/** The PostgreSQL type for CAST (… AS t), by SQLite's affinity of t (https://www.sqlite.org/datatype3.html §3.1). */
export const CAST_TYPES: Readonly<Record<string, string>> = {
  INTEGER: 'bigint',
  TEXT: 'text',
  BLOB: 'bytea',
  REAL: 'double precision',
  NUMERIC: 'numeric',
};
