import { isFloat4Type, type ValueKind } from '../mapping/value-kind.js';

/** What a data-only load does to each value of a column: SQLite value → target type. */
export function describeConversion(kind: ValueKind, targetType: string): string {
  switch (kind) {
    case 'boolean':
      return "0/1, 't'/'f', 'true'/'false', 'yes'/'no', 'on'/'off' become booleans; any other value stops the load";
    case 'integer':
      return targetType === 'bigint' ? 'whole numbers, exact to 64 bits' : `whole numbers, checked against the range of ${targetType}`;
    case 'float':
      return isFloat4Type(targetType)
        ? 'rounded to float4 as PostgreSQL rounds them; every column where a value changes is listed with a count'
        : 'doubles kept exactly; an integer a double cannot hold stops the load';
    case 'numeric':
      return /\(/.test(targetType) ? `decimal, checked against ${targetType}` : 'decimal, exact';
    case 'text': {
      const n = /\((\d+)\)/.exec(targetType)?.[1];
      return n ? `text of at most ${n} characters (longer stops the load)` : 'text as stored (numbers as SQLite prints them)';
    }
    case 'jsonb':
      return 'JSON text, validated (jsonb cannot hold \\u0000); stored as jsonb';
    case 'json':
      return 'JSON text, validated; stored as written';
    case 'timestamp':
      return 'date/time text (SQLite, ISO 8601 with T, Z or ±hh:mm, Go time strings) or unix seconds; offsets converted to UTC; fractions rounded to microseconds';
    case 'timestamptz':
      return 'date/time text (SQLite, ISO 8601, Go time strings) or unix seconds; text without an offset is UTC';
    case 'date':
      return 'dates; a value with a time of day stops the load';
    case 'time':
      return 'times of day';
    case 'uuid':
      return 'UUID text or 16-byte BLOBs';
    case 'bytea':
      return 'bytes as stored';
  }
}
