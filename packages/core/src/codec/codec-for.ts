import { booleanCodec } from './boolean.js';
import { byteaCodec } from './bytea.js';
import { dateCodec } from './date.js';
import { floatCodec } from './float.js';
import { integerCodec } from './integer.js';
import { jsonCodec } from './json.js';
import { jsonbCodec } from './jsonb.js';
import { numericCodec } from './numeric.js';
import { textCodec } from './text.js';
import { timeCodec } from './time.js';
import { timestampCodec } from './timestamp.js';
import { timestamptzCodec } from './timestamptz.js';
import { uuidCodec } from './uuid.js';
import type { ValueCodec } from './value-codec.js';
import type { ValueKind } from './value-kind.js';

const CODECS: Readonly<Record<ValueKind, ValueCodec>> = {
  integer: integerCodec,
  float: floatCodec,
  numeric: numericCodec,
  boolean: booleanCodec,
  text: textCodec,
  bytea: byteaCodec,
  timestamptz: timestamptzCodec,
  timestamp: timestampCodec,
  date: dateCodec,
  time: timeCodec,
  jsonb: jsonbCodec,
  json: jsonCodec,
  uuid: uuidCodec,
};

/** The codec of a value kind. Callers in row loops resolve it once per column, not per value. */
export function codecFor(kind: ValueKind): ValueCodec {
  return CODECS[kind];
}

/** Every codec, in the order of VALUE_KINDS. */
export const ALL_CODECS: readonly ValueCodec[] = Object.values(CODECS);

const BY_PG_TYPE = new Map<string, ValueKind>(ALL_CODECS.flatMap((c) => c.pgTypes.map((t) => [t, c.kind] as const)));

/** The kind a PostgreSQL type name is carried as (for user casts and data-only targets). */
export function kindForPgType(pgType: string): ValueKind | undefined {
  return BY_PG_TYPE.get(pgType.trim().toLowerCase().replace(/\s*\(.*\)\s*/, '').replace(/\s+/g, ' '));
}
