/** What the data of one column looks like, counted in one pass per table. */
export interface ColumnProfile {
  nulls: number;
  integers: number;
  reals: number;
  texts: number;
  blobs: number;
  /** Longest text value, in characters (what varchar(n) counts). */
  maxTextLength: number | null;
  minInteger: bigint | null;
  maxInteger: bigint | null;
  /** Largest absolute value among integers and reals. */
  maxAbsNumber: number | null;
  /** Reals that are not exactly representable at the declared NUMERIC scale. */
  offScale: number;
  /**
   * BLOBs that are not valid UTF-8, counted only in columns with TEXT affinity: PostgreSQL
   * text cannot hold them, so they decide the column's type.
   */
  notUtf8: number;
  /**
   * TEXT values PostgreSQL text cannot store: bytes that are not valid UTF-8 (SQLite never
   * checks) or a NUL. Counted only when a load has refused such a value, because SQL cannot
   * tell and reading every text value costs as much as the load.
   */
  textsNotStorable?: { notUtf8: number; withNul: number };
}

export function emptyProfile(): ColumnProfile {
  return { nulls: 0, integers: 0, reals: 0, texts: 0, blobs: 0, maxTextLength: null, minInteger: null, maxInteger: null, maxAbsNumber: null, offScale: 0, notUtf8: 0 };
}
