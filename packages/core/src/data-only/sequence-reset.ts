// A sequence reset as reported by the data-only load and the online cutover; apart from the
// code that runs it so the result types do not pull in the driver's declarations.

/** What happened to one sequence owned by a loaded column. */
export interface SequenceReset {
  sequence: string;
  table: string;
  column: string;
  /** max(column) after the load, or null for an empty table. */
  maxId: string | null;
  /** sqlite_sequence.seq when the column is the source's AUTOINCREMENT id. */
  sqliteSequence: string | null;
  /** The last value the sequence had handed out before (null: none yet). */
  previous: string | null;
  /** The value set (the next nextval() returns one more), or null when left as it was. */
  value: string | null;
}
