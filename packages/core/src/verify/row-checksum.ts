import { hash } from 'node:crypto';
import { hashBytesExtended, wordView, type Hash64 } from './hash-bytes-extended.js';

/**
 * `lookup3`: PostgreSQL's hashtextextended, 64 bits, cheap on both sides (the default where
 * the server passes probeLookup3). `md5`: the first 60 bits of md5, for servers that fail the
 * probe and for rows hashed piece by piece (huge values).
 */
export type ChecksumAlgorithm = 'lookup3' | 'md5';

/**
 * An order-independent checksum of a table: the sum of one hash per row. PostgreSQL
 * computes the same sum in SQL (checksumSql), so neither side needs to sort, and any
 * changed, missing or extra row changes it.
 */
export interface RowChecksum {
  readonly algorithm: ChecksumAlgorithm;
  readonly count: number;
  /** The row's canonical text (hashed as UTF-8). */
  addText(rowText: string): void;
  /** The row's canonical text, already UTF-8: `bytes[start, end)`. */
  addBytes(bytes: Uint8Array, start: number, end: number): void;
  /** The sum as decimal text, the way PostgreSQL prints it. */
  sum(): string;
}

export function createRowChecksum(algorithm: ChecksumAlgorithm): RowChecksum {
  return algorithm === 'lookup3' ? new Lookup3RowChecksum() : new Md5RowChecksum();
}

const TWO_32 = 4294967296;
/** Rows between folds into the BigInt total: keeps both Number sums below 2^53. */
const FOLD_EVERY = 1 << 20;

class Lookup3RowChecksum implements RowChecksum {
  readonly algorithm = 'lookup3';
  count = 0;
  private readonly h: Hash64 = { hi: 0, lo: 0 };
  private hiSum = 0;
  private loSum = 0;
  private pending = 0;
  private total = 0n;
  private scratch = Buffer.allocUnsafe(4096);
  /** The word view of the buffer hashed last: callers hash many rows of one chunk in a row. */
  private viewed: Uint8Array | undefined;
  private view: DataView | undefined;

  addText(rowText: string): void {
    if (rowText.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(rowText.length * 3);
    const n = this.scratch.write(rowText, 0, 'utf8');
    this.addBytes(this.scratch, 0, n);
  }

  addBytes(bytes: Uint8Array, start: number, end: number): void {
    if (bytes !== this.viewed) {
      this.viewed = bytes;
      this.view = wordView(bytes);
    }
    hashBytesExtended(bytes, start, end, this.h, this.view);
    this.hiSum += this.h.hi;
    this.loSum += this.h.lo;
    this.count++;
    if (++this.pending === FOLD_EVERY) this.fold();
  }

  sum(): string {
    this.fold();
    return this.total.toString();
  }

  private fold(): void {
    this.total += BigInt(this.hiSum) * BigInt(TWO_32) + BigInt(this.loSum);
    this.hiSum = 0;
    this.loSum = 0;
    this.pending = 0;
  }
}

export class Md5RowChecksum implements RowChecksum {
  readonly algorithm = 'md5';
  count = 0;
  private total = 0n;

  addText(rowText: string): void {
    this.addDigest(hash('md5', rowText, 'hex'));
  }

  addBytes(bytes: Uint8Array, start: number, end: number): void {
    this.addDigest(hash('md5', bytes.subarray(start, end), 'hex'));
  }

  /** A row whose text was hashed piece by piece (values too large to hold as one string). */
  addDigest(md5Hex: string): void {
    this.count++;
    this.total += BigInt('0x' + md5Hex.slice(0, 15));
  }

  sum(): string {
    return this.total.toString();
  }
}

/** The PostgreSQL side of {@link RowChecksum} for a row expression (text). */
export function checksumSql(rowExpression: string, from: string, algorithm: ChecksumAlgorithm): string {
  // COLLATE "C": a column with a nondeterministic collation would otherwise hash its sort key.
  const rowHash =
    algorithm === 'lookup3'
      ? `hashtextextended((${rowExpression}) COLLATE "C", 0)`
      : `('x' || substr(md5(${rowExpression}), 1, 15))::bit(60)::bigint`;
  return `SELECT count(*)::text AS n, coalesce(sum(${rowHash}), 0)::text AS s FROM ${from}`;
}
