/**
 * How a value travels from SQLite to PostgreSQL: each kind is a ValueCodec (see
 * codecFor). A cast rule picks the target type and the kind together.
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
