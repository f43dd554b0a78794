/**
 * How a value travels from SQLite to PostgreSQL: each kind has an encoder (COPY text)
 * and a normaliser (for verification) on the SQLite side, and a SQL normaliser on the
 * PostgreSQL side. A cast rule picks the target type and the kind together.
 */
export type ValueKind =
  | 'integer'
  | 'float'
  | 'numeric'
  | 'boolean'
  | 'text'
  | 'bytea'
  | 'timestamptz'
  | 'timestamp'
  | 'date'
  | 'time'
  | 'jsonb'
  | 'json'
  | 'uuid';

export const VALUE_KINDS: readonly ValueKind[] = ['integer', 'float', 'numeric', 'boolean', 'text', 'bytea', 'timestamptz', 'timestamp', 'date', 'time', 'jsonb', 'json', 'uuid'];

/**
 * Whether a PostgreSQL type is float4 (`real`). Its values print as float4's shortest text
 * and take float4 rounding, which the float8 paths (SQL rendering, SQL verification) do not do.
 */
export function isFloat4Type(pgType: string): boolean {
  return /^(real|float4)$/.test(pgType.trim().toLowerCase());
}

/** The kind a PostgreSQL type name is carried as (for user casts and data-only targets). */
export function kindForPgType(pgType: string): ValueKind | undefined {
  const t = pgType.trim().toLowerCase().replace(/\s*\(.*\)\s*/, '').replace(/\s+/g, ' ');
  switch (t) {
    case 'smallint': case 'int2': case 'integer': case 'int': case 'int4': case 'bigint': case 'int8':
    case 'serial': case 'bigserial': case 'smallserial': case 'serial4': case 'serial8':
      return 'integer';
    case 'real': case 'float4': case 'double precision': case 'float8': case 'float':
      return 'float';
    case 'numeric': case 'decimal':
      return 'numeric';
    case 'boolean': case 'bool':
      return 'boolean';
    case 'text': case 'varchar': case 'character varying': case 'char': case 'character': case 'bpchar': case 'name': case 'citext':
      return 'text';
    case 'bytea':
      return 'bytea';
    case 'timestamptz': case 'timestamp with time zone':
      return 'timestamptz';
    case 'timestamp': case 'timestamp without time zone':
      return 'timestamp';
    case 'date':
      return 'date';
    case 'time': case 'time without time zone':
      return 'time';
    case 'jsonb':
      return 'jsonb';
    case 'json':
      return 'json';
    case 'uuid':
      return 'uuid';
    default:
      return undefined;
  }
}
