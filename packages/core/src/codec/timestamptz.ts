import { timestampLike } from './timestamp.js';
import type { ValueCodec } from './value-codec.js';

/** timestamptz: text without an offset is UTC. */
export const timestamptzCodec: ValueCodec = timestampLike(true, {
  kind: 'timestamptz',
  pgTypes: ['timestamptz', 'timestamp with time zone'],
  now: { utc: 'CURRENT_TIMESTAMP', local: 'CURRENT_TIMESTAMP' },
  describeConversion: () => 'date/time text (SQLite, ISO 8601, Go time strings) or unix seconds; text without an offset is UTC',
});
