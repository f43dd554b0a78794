/** SQLite storage class of one stored value. */
export type StorageClass = 'null' | 'integer' | 'real' | 'text' | 'blob';

/**
 * The exact stored form of the value being encoded, read again from SQLite only on
 * the rare paths where the fast read could have lost something: integers beyond
 * 2^53 (read as JS numbers), text containing U+FFFD (maybe invalid UTF-8 replaced by
 * the decoder), numbers in text columns.
 */
export interface CellSource {
  storageClass(): StorageClass;
  /** `CAST(value AS TEXT)` as SQLite computes it. */
  exactText(): string;
  /** `CAST(value AS BLOB)`: the stored bytes. */
  rawBytes(): Buffer;
}
