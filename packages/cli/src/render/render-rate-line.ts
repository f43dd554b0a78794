import { formatCount, formatMs } from './format-units.js';
import { plural } from './plural.js';

/**
 * `big: 120k/600k rows, 40k rows/s, ETA 12.0s`: where a long table is, `elapsedMs` after it
 * started. Without a measurable rate yet the ETA is left out rather than guessed.
 */
export function renderRateLine(table: string, rows: number, totalRows: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? rows / (elapsedMs / 1000) : 0;
  const head = `${table}: ${formatCount(rows)}/${plural(totalRows, 'row', formatCount(totalRows))}`;
  if (rate <= 0) return `${head}, ${formatMs(elapsedMs)} so far`;
  const eta = (Math.max(0, totalRows - rows) / rate) * 1000;
  return `${head}, ${formatCount(Math.round(rate))} rows/s, ETA ${formatMs(eta)}`;
}
