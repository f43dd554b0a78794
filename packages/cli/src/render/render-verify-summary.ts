import type { VerifyResult } from '@catdb/core';
import { plural } from './plural.js';
import { terminalSafe } from './terminal-safe.js';

/**
 * The last line of `migrate verify`: `Verified 11 tables, 15,607 rows: row counts and checksums
 * match.` or which tables differ. Rows are the source's (those left out on purpose excluded).
 */
export function renderVerifySummary(result: Pick<VerifyResult, 'ok' | 'tables'>): string {
  const rows = result.tables.reduce((n, t) => n + (t.sourceRows - t.rejected), 0);
  const head = `Verified ${plural(result.tables.length, 'table')}, ${plural(rows, 'row', rows.toLocaleString('en-US'))}`;
  if (result.ok) return `${head}: row counts and checksums match.`;
  const bad = result.tables.filter((t) => !t.ok).map((t) => t.table);
  return terminalSafe(`${head}: ${plural(bad.length, 'table')} ${bad.length === 1 ? 'differs' : 'differ'} (${bad.join(', ')}).`);
}
