import { hash } from 'node:crypto';

/**
 * An order-independent checksum of a table: the sum of the first 60 bits of each row's
 * MD5. PostgreSQL computes the same sum with md5() and bit(60) casts, so neither side
 * needs to sort, and any changed, missing or extra row changes it.
 */
export class RowChecksum {
  count = 0;
  sum = 0n;

  add(rowText: string): void {
    this.addDigest(hash('md5', rowText, 'hex'));
  }

  /** A row whose text was hashed piece by piece (values too large to hold as one string). */
  addDigest(md5Hex: string): void {
    this.count++;
    this.sum += BigInt('0x' + md5Hex.slice(0, 15));
  }
}

/** The PostgreSQL side of {@link RowChecksum} for a row expression. */
export function checksumSql(rowExpression: string, from: string): string {
  return `SELECT count(*)::text AS n, coalesce(sum(('x' || substr(md5(${rowExpression}), 1, 15))::bit(60)::bigint), 0)::text AS s FROM ${from}`;
}
