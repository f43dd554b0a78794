/**
 * Thrown by a value encoder for one value it cannot carry. The row reader adds the
 * table, column and rowid before it reaches the user.
 */
export class ValueRejected extends Error {
  constructor(
    readonly reason: string,
    /** A `--cast` or option that would carry the value, when there is one. */
    readonly fix?: string,
  ) {
    super(reason);
    this.name = 'ValueRejected';
  }
}

/** The first characters of a value, safe to print in a message or a reject file. */
export function excerpt(value: unknown, max = 60): string {
  if (value === null || value === undefined) return 'NULL';
  if (Buffer.isBuffer(value)) return `x'${value.subarray(0, max / 2).toString('hex')}${value.length > max / 2 ? '…' : ''}' (${value.length} bytes)`;
  const text = typeof value === 'string' ? value : String(value);
  const cut = [...text].slice(0, max).join('');
  return JSON.stringify(cut.length < text.length ? cut + '…' : cut);
}
