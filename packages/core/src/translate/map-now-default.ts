import { quoteLiteral } from '../pg/quote-ident.js';
import { lexSqlite } from '../sqlite/lex-sqlite.js';
import { strftimeToChar } from './translate-datetime.js';
import type { DefaultMapping } from './map-default.js';
import type { ValueKind } from '../codec/value-kind.js';

const PICTURES: Readonly<Record<string, string>> = { datetime: 'YYYY-MM-DD HH24:MI:SS', date: 'YYYY-MM-DD', time: 'HH24:MI:SS' };
const EPOCH = 'extract(epoch FROM now())';
/** Stands for the bare word CURRENT_TIMESTAMP as a time-value argument. */
const CURRENT_TIMESTAMP = '\u0000current_timestamp';

/**
 * A default that asks SQLite for the current time (`strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
 * GeoPackage's; `datetime('now','localtime')`; `julianday('now')`) on a text, integer or
 * float column, as PostgreSQL text of the same form, or the same number. Undefined for
 * anything else (other kinds keep mapDefault's own rules); `dropped` for a call of this shape
 * whose format or modifiers have no equivalent.
 */
export function mapNowDefault(expr: string, kind: ValueKind): DefaultMapping | undefined {
  if (!['text', 'integer', 'float', 'timestamptz', 'timestamp'].includes(kind)) return undefined;
  const call = readCall(expr);
  if (!call || !['datetime', 'date', 'time', 'strftime', 'julianday', 'unixepoch'].includes(call.name)) return undefined;
  const args = [...call.args];
  const format = call.name === 'strftime' ? args.shift() : undefined;
  const value = args.shift()?.toLowerCase();
  if (value !== 'now' && value !== CURRENT_TIMESTAMP) return undefined;
  const drop = (reason: string): DefaultMapping => ({ dropped: expr, reason });
  const modifiers = args.map((a) => a.trim().toLowerCase());
  if (modifiers.some((m) => m !== 'localtime') || modifiers.length > 1) return drop('a current-time default with modifiers other than localtime');
  const local = modifiers.length === 1;
  if (kind === 'timestamptz' || kind === 'timestamp') {
    // A format that writes the whole instant is the instant itself in a timestamp column.
    const whole = call.name === 'datetime' || (format !== undefined && /%[Yf]|%F/.test(format) && /%(d|F)/.test(format) && /%(H|T)/.test(format));
    if (!whole) return undefined;
    return { sql: kind === 'timestamptz' ? 'CURRENT_TIMESTAMP' : local ? 'LOCALTIMESTAMP' : "(now() AT TIME ZONE 'UTC')" };
  }
  // SQLite's CURRENT_TIMESTAMP has whole seconds.
  const utc = value === 'now' ? "(now() AT TIME ZONE 'UTC')" : "date_trunc('second', now() AT TIME ZONE 'UTC')";
  const clock = local ? 'LOCALTIMESTAMP' : utc;
  const seconds = call.name === 'unixepoch' || format === '%s';
  if (kind === 'integer') return seconds && modifiers.length === 0 ? { sql: `${EPOCH}::bigint` } : drop('a current-time default that is not a unix time on an integer column');
  if (kind === 'float') return call.name === 'julianday' && modifiers.length === 0 ? { sql: `(${EPOCH} / 86400 + 2440587.5)::double precision` } : drop('a current-time default that is not a Julian day on a float column');
  if (seconds) return modifiers.length === 0 ? { sql: `${EPOCH}::bigint::text` } : drop('a local unix time');
  if (call.name === 'julianday') return modifiers.length === 0 ? { sql: `(${EPOCH} / 86400 + 2440587.5)::double precision::text` } : drop('a local Julian day');
  const picture = format !== undefined ? strftimeToChar(format) : PICTURES[call.name];
  if (picture === undefined) return drop(`strftime format ${JSON.stringify(format)} has a code with no PostgreSQL equivalent`);
  return { sql: `to_char(${clock}, ${quoteLiteral(picture)})` };
}

/** `name('a', 'b', …)` with string arguments only, as SQLite reads it (outer parentheses allowed). */
function readCall(expr: string): { name: string; args: string[] } | undefined {
  let tokens = lexSqlite(expr);
  while (tokens.length > 2 && tokens[0]!.text === '(' && tokens.at(-1)!.text === ')' && tokens[1]!.kind !== 'string') tokens = tokens.slice(1, -1);
  const [name, open] = tokens;
  if (name?.kind !== 'word' || open?.text !== '(' || tokens.at(-1)?.text !== ')') return undefined;
  const args: string[] = [];
  for (let i = 2; i < tokens.length - 1; i += 2) {
    const t = tokens[i]!;
    const sep = tokens[i + 1]!;
    const current = t.kind === 'word' && t.text.toUpperCase() === 'CURRENT_TIMESTAMP';
    if ((t.kind !== 'string' && !current) || (sep.text !== ',' && i + 1 !== tokens.length - 1)) return undefined;
    args.push(current ? CURRENT_TIMESTAMP : t.value);
  }
  return { name: name.text.toLowerCase(), args };
}
