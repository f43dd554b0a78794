import { CatdbError } from '../errors.js';
import type { CaptureKey } from './capture-table.js';

/** A SQLite value as the change log carries it back: exact integers, doubles, text, bytes, NULL. */
export type SqliteKeyValue = bigint | number | string | Buffer | null;

/** PRAGMA encoding of the source: text tokens are its bytes in hex. */
export type SqliteTextEncoding = 'UTF-8' | 'UTF-16le' | 'UTF-16be';

/**
 * Reads a logged key back into the values to look the row up with: the rowid, or one value
 * per key column from the tokens renderKeyExpression wrote. The log sits in a file other
 * programs can write, so anything malformed is refused rather than guessed at.
 *
 * Throws ONLINE_LOG_DAMAGED.
 */
export function parseChangeKey(table: string, key: CaptureKey, logged: unknown, encoding: SqliteTextEncoding = 'UTF-8'): SqliteKeyValue[] {
  if (key.kind !== 'columns') {
    if (typeof logged === 'bigint') return [logged];
    if (typeof logged === 'number' && Number.isSafeInteger(logged)) return [BigInt(logged)];
    throw damaged(table, logged, 'a rowid must be an integer');
  }
  if (typeof logged !== 'string') throw damaged(table, logged, 'a key must be text');
  const tokens = logged.split(',');
  if (tokens.length !== key.columns.length) throw damaged(table, logged, `expected ${key.columns.length} key value(s), found ${tokens.length}`);
  return tokens.map((token) => parseToken(table, logged, token, encoding));
}

function parseToken(table: string, logged: string, token: string, encoding: SqliteTextEncoding): SqliteKeyValue {
  const tag = token[0];
  const body = token.slice(1);
  switch (tag) {
    case 'n':
      if (body === '') return null;
      break;
    case 'i':
      if (/^-?\d{1,19}$/.test(body)) return BigInt(body);
      break;
    case 'r': {
      // quote() prints a REAL as digits with a point or an exponent; Inf overflows the exponent.
      if (/^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(body)) return Number(body);
      break;
    }
    case 't':
    case 'b': {
      if (body.length % 2 !== 0 || !/^[0-9A-F]*$/i.test(body)) break;
      const bytes = Buffer.from(body, 'hex');
      if (tag === 'b') return bytes;
      if (encoding !== 'UTF-8' && bytes.length % 2 !== 0) break;
      return decodeText(bytes, encoding);
    }
  }
  throw damaged(table, logged, `cannot read key token ${JSON.stringify(token.slice(0, 40))}`);
}

function decodeText(bytes: Buffer, encoding: SqliteTextEncoding): string {
  if (encoding === 'UTF-8') return bytes.toString('utf8');
  if (encoding === 'UTF-16le') return bytes.toString('utf16le');
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  return swapped.toString('utf16le');
}

function damaged(table: string, logged: unknown, why: string): CatdbError {
  return new CatdbError('ONLINE_LOG_DAMAGED', `The change log holds an entry for ${table} that catdb did not write (${why}): ${String(logged).slice(0, 80)}`, {
    hint: 'Something other than catdb wrote to _catdb_changes. Remove the capture with `catdb migrate online-abort` and start the online migration again.',
    details: { table, key: String(logged).slice(0, 200) },
  });
}
