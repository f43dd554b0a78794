import { DATETIME_FUNCTIONS } from './compat-datetime-sql.js';
import { TEXT_ARITHMETIC } from './compat-text-arithmetic.js';

/** The schema of catdb's own functions for SQLite's that PostgreSQL lacks. */
export const COMPAT_SCHEMA = 'catdb_sqlite';

const SCALAR_TYPES =
  "CASE WHEN $1 IS NULL THEN 'null' " +
  "WHEN pg_typeof($1) IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype, 'boolean'::regtype) THEN 'integer' " +
  "WHEN pg_typeof($1) IN ('real'::regtype, 'double precision'::regtype) THEN 'real' " +
  "WHEN pg_typeof($1) = 'numeric'::regtype THEN CASE WHEN $1::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END " +
  "WHEN pg_typeof($1) = 'bytea'::regtype THEN 'blob' ELSE 'text' END";

/**
 * catdb's own SQL for the rest of the functions (LANGUAGE sql only, so that a role that is
 * not a superuser can create them); fixed text, one statement per entry.
 */
const OTHER_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  // SQLite's iif is CASE; a function keeps the translation token for token.
  iif: [`CREATE OR REPLACE FUNCTION catdb_sqlite.iif(c boolean, a anycompatible, b anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $fn$ SELECT CASE WHEN c THEN a ELSE b END $fn$`],
  typeof: [`CREATE OR REPLACE FUNCTION catdb_sqlite.typeof(anycompatible) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$ SELECT ${SCALAR_TYPES} $fn$`],
  // SQLite's length counts characters of the value's text, bytes of a BLOB; PostgreSQL's takes text only.
  length: [`CREATE OR REPLACE FUNCTION catdb_sqlite.length(anycompatible) RETURNS bigint LANGUAGE sql IMMUTABLE AS $fn$ SELECT CASE WHEN pg_typeof($1) = 'bytea'::regtype THEN octet_length($1::text::bytea) ELSE char_length($1::text) END $fn$`],
  hex: [`CREATE OR REPLACE FUNCTION catdb_sqlite.hex(anycompatible) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$ SELECT coalesce(upper(encode(CASE WHEN pg_typeof($1) = 'bytea'::regtype THEN $1::text::bytea ELSE convert_to($1::text, 'UTF8') END, 'hex')), '') $fn$`],
  // A negative start counts from the end, a negative length takes the characters before the start.
  substr: [
    `CREATE OR REPLACE FUNCTION catdb_sqlite.substr(v anycompatible, start bigint, len bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$ ` +
      `SELECT CASE WHEN len < 0 THEN substring(s FROM greatest(p + len, 1)::int FOR (p - greatest(p + len, 1))::int) ` +
      `ELSE substring(s FROM greatest(p, 1)::int FOR greatest(len - (greatest(p, 1) - p), 0)::int) END ` +
      `FROM (SELECT v::text AS s, CASE WHEN start < 0 THEN char_length(v::text) + start + 1 ELSE start END AS p) AS x $fn$`,
    `CREATE OR REPLACE FUNCTION catdb_sqlite.substr(v anycompatible, start bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$ ` +
      `SELECT substring(v::text FROM greatest(CASE WHEN start < 0 THEN char_length(v::text) + start + 1 ELSE start END, 1)::int) $fn$`,
  ],
  // SQLite rounds half away from zero and answers a REAL; PostgreSQL's round(double) rounds half to even.
  round: [`CREATE OR REPLACE FUNCTION catdb_sqlite.round(x double precision, n bigint DEFAULT 0) RETURNS double precision LANGUAGE sql IMMUTABLE AS $fn$ SELECT round(x::numeric, greatest(n, 0)::int)::double precision $fn$`],
  // SQLite's scalar min/max are NULL when any argument is; least/greatest skip NULLs.
  min_of: [`CREATE OR REPLACE FUNCTION catdb_sqlite.min_of(VARIADIC v anycompatiblearray) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $fn$ SELECT CASE WHEN array_position(v, NULL) IS NULL THEN (SELECT min(x) FROM unnest(v) AS x) END $fn$`],
  max_of: [`CREATE OR REPLACE FUNCTION catdb_sqlite.max_of(VARIADIC v anycompatiblearray) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $fn$ SELECT CASE WHEN array_position(v, NULL) IS NULL THEN (SELECT max(x) FROM unnest(v) AS x) END $fn$`],
  // What printf's %d prints: NULL as 0, a real truncated, a text's leading integer.
  printf_int: [
    `CREATE OR REPLACE FUNCTION catdb_sqlite.printf_int(v anycompatible) RETURNS bigint LANGUAGE sql IMMUTABLE AS $fn$ SELECT CASE WHEN v IS NULL THEN 0 ` +
      `WHEN pg_typeof(v) = 'boolean'::regtype THEN CASE WHEN v::text::boolean THEN 1 ELSE 0 END ` +
      `ELSE coalesce(trunc((regexp_match(v::text, '^\\s*([+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?)'))[1]::numeric), 0)::bigint END $fn$`,
  ],
  total: [`CREATE OR REPLACE AGGREGATE catdb_sqlite.total(double precision) (SFUNC = float8pl, STYPE = double precision, INITCOND = '0')`],
  group_concat_step: [
    `CREATE OR REPLACE FUNCTION catdb_sqlite.group_concat_step(acc text, v anycompatible, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$ ` +
      `SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v::text ELSE acc || coalesce(sep, '') || v::text END $fn$`,
    `CREATE OR REPLACE FUNCTION catdb_sqlite.group_concat_step(acc text, v anycompatible) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$ SELECT catdb_sqlite.group_concat_step(acc, v, ',') $fn$`,
  ],
  group_concat: [
    `CREATE OR REPLACE AGGREGATE catdb_sqlite.group_concat(anycompatible) (SFUNC = catdb_sqlite.group_concat_step, STYPE = text)`,
    `CREATE OR REPLACE AGGREGATE catdb_sqlite.group_concat(anycompatible, text) (SFUNC = catdb_sqlite.group_concat_step, STYPE = text)`,
  ],
  // SQLite's random() is a 64-bit integer; ordering by it and `abs(random()) % n` keep working.
  random: [`CREATE OR REPLACE FUNCTION catdb_sqlite.random() RETURNS bigint LANGUAGE sql VOLATILE AS $fn$ SELECT trunc((random() * 2 - 1) * 9223372036854775000)::bigint $fn$`],
};

/** Not a function: the view a trigger reading SQLite's schema table reads instead. */
export const SQLITE_MASTER_NAME = 'sqlite_master';

/**
 * SQLite's schema table as far as PostgreSQL's catalog can tell it, for the target schema
 * the reader runs in (a trigger function sets its search_path to it): type, name, tbl_name
 * as PostgreSQL names them, rootpage 0, and for `sql` a CREATE statement that PostgreSQL
 * writes (a table's lists its columns and their types, not SQLite's original text).
 */
const SQLITE_MASTER = [
  `CREATE OR REPLACE VIEW catdb_sqlite.sqlite_master (type, name, tbl_name, rootpage, sql) AS ` +
    `SELECT CASE WHEN c.relkind IN ('v', 'm') THEN 'view' WHEN c.relkind = 'i' THEN 'index' ELSE 'table' END::text, c.relname::text, coalesce(t.relname, c.relname)::text, 0::bigint, ` +
    `CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 'CREATE TABLE ' || quote_ident(c.relname) || ' (' || coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) ` +
    `FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')' ` +
    `WHEN c.relkind IN ('v', 'm') THEN 'CREATE VIEW ' || quote_ident(c.relname) || ' AS ' || pg_catalog.pg_get_viewdef(c.oid) ` +
    `ELSE pg_catalog.pg_get_indexdef(c.oid) END ` +
    `FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid LEFT JOIN pg_catalog.pg_class t ON t.oid = i.indrelid ` +
    `WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'i') ` +
    `UNION ALL SELECT 'trigger', g.tgname::text, r.relname::text, 0, pg_catalog.pg_get_triggerdef(g.oid) ` +
    `FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class r ON r.oid = g.tgrelid ` +
    `WHERE NOT g.tgisinternal AND r.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())`,
];

/** What each function needs created before it. */
const NEEDS: Readonly<Record<string, readonly string[]>> = {
  datetime: ['time_value'], date: ['time_value'], time: ['time_value'], julianday: ['time_value'], unixepoch: ['time_value'], strftime: ['time_value'],
  group_concat: ['group_concat_step'],
};

/** Not a function a query names: operators found through the search_path (see compat-text-arithmetic). */
export const TEXT_ARITHMETIC_NAME = 'text_arithmetic';

const ALL: Readonly<Record<string, readonly string[]>> = { ...DATETIME_FUNCTIONS, ...OTHER_FUNCTIONS, [TEXT_ARITHMETIC_NAME]: TEXT_ARITHMETIC, [SQLITE_MASTER_NAME]: SQLITE_MASTER };

/** SQLite functions catdb carries as a function of its own schema (`catdb_sqlite.<name>`). */
export const COMPAT_FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(ALL).filter((n) => n !== TEXT_ARITHMETIC_NAME && n !== SQLITE_MASTER_NAME && !Object.values(NEEDS).some((deps) => deps.includes(n))));

/**
 * The statements that create the schema and the given compat functions with what they
 * depend on, in order, one statement each; empty when none is needed.
 */
export function compatStatements(names: Iterable<string>): string[] {
  const wanted = new Set<string>();
  for (const n of names) {
    for (const dep of NEEDS[n] ?? []) wanted.add(dep);
    if (ALL[n]) wanted.add(n);
  }
  if (wanted.size === 0) return [];
  const ordered = Object.keys(ALL).filter((n) => wanted.has(n));
  return [`CREATE SCHEMA IF NOT EXISTS ${COMPAT_SCHEMA}`, ...ordered.flatMap((n) => ALL[n]!)];
}
