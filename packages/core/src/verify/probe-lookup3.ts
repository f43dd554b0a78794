import type pg from 'pg';
import { hashBytesExtended } from './hash-bytes-extended.js';

/** Every tail length 0–11, a multi-block string and multi-byte UTF-8. */
const PROBES = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'abcdef', 'abcdefg', 'abcdefgh', 'abcdefghi', 'abcdefghij', 'abcdefghijk', 'abcdefghijkl', 'catdb \u001f 1 \u001e ü € 😀 — a row of canonical text'];

/**
 * Whether this server's `hashtextextended(text, 0)` is the hash catdb computes locally
 * (PostgreSQL 11 or later on a little-endian machine). The verification uses md5 where it
 * is not, so a mismatch here costs speed, never a false verdict.
 */
export async function probeLookup3(client: pg.Client): Promise<boolean> {
  const version = Number((await client.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version_num'])).rows[0]?.v);
  if (!(version >= 110000)) return false;
  const { rows } = await client.query<{ h: string }>('SELECT hashtextextended(p COLLATE "C", 0)::text AS h FROM unnest($1::text[]) WITH ORDINALITY AS t(p, i) ORDER BY i', [PROBES]);
  const out = { hi: 0, lo: 0 };
  return PROBES.every((p, i) => {
    const bytes = Buffer.from(p, 'utf8');
    hashBytesExtended(bytes, 0, bytes.length, out);
    return rows[i]?.h === (BigInt(out.hi) * 4294967296n + BigInt(out.lo)).toString();
  });
}
