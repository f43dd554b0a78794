/** One row left out of the load (`--on-error skip-row`): a line of the table's reject file. */
export interface RejectRecord {
  table: string;
  /** rowid, or the primary key values of a WITHOUT ROWID table. */
  key: unknown;
  column: string;
  /** The value, shortened for display. */
  value: string;
  reason: string;
}
