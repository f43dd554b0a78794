import type { CellSource } from './cell-source.js';
import { formatFloat4 } from './format-float4.js';
import { ValueRejected } from './value-rejected.js';

/**
 * Wraps a double canonicalizer for a `real` (float4) column: the value is rounded to the
 * nearest float4, as PostgreSQL's float4in does, and printed as float4out prints it, so
 * the COPY text and the verification agree. Overflow and underflow to zero are rejected,
 * as float4in rejects them. Whether a value changed is visible to callers by comparing
 * `Number(result)` with the double (the data-only scan counts and reports those).
 */
export function float4Canonicalizer(double: (v: unknown, cell: CellSource) => string | null): (v: unknown, cell: CellSource) => string | null {
  return (v, cell) => {
    const text = double(v, cell);
    if (text === null || text === 'NaN' || text.endsWith('Infinity')) return text;
    const d = Number(text);
    const f = Math.fround(d);
    if (!Number.isFinite(f)) throw new ValueRejected(`${text} is out of range for real (float4)`, 'double precision');
    if (f === 0 && d !== 0) throw new ValueRejected(`${text} is too small for real (float4): it would become 0`, 'double precision');
    return formatFloat4(f);
  };
}
