import type { DataOnlyReport, DataOnlyResult, MigrationEvent } from '@catdb/core';
import { formatBytes, formatCount, formatMs } from './format-units.js';
import { renderWaitingForRun } from './render-waiting-for-run.js';
import { terminalSafe } from './terminal-safe.js';
import { plural } from './plural.js';

const LISTED = 8;

const list = (items: readonly string[], max = LISTED): string => (items.length > max ? `${items.slice(0, max).join(', ')}, … (${items.length - max} more)` : items.join(', '));

/**
 * The data-only report as text: what loads where and how, every conversion, cycles,
 * sequences, float4 rounding, orphans, and what stops the load. What `--dry-run` prints.
 */
export function renderDataOnlyReport(r: DataOnlyReport): string {
  const out: string[] = [];
  const merge = r.tables.filter((t) => t.load === 'merge');
  out.push(`Data-only load into schema ${r.schema}: ${plural(r.tables.length, 'table')}, ${plural(r.sourceRows, 'source row', formatCount(r.sourceRows))} (existing rows: ${r.existingRows}, orphans: ${r.orphans}).`);
  out.push(`Load order (target foreign keys, parents first): ${list(r.tables.map((t) => t.target), 12)}`);
  if (r.existingRows === 'truncate') out.push(`Every loaded table is emptied first (TRUNCATE in the same transaction).`);
  if (merge.length) out.push(`Kept rows, the rest added (ON CONFLICT DO NOTHING): ${merge.map((t) => `${t.target} (${formatCount(t.existingRows)} existing)`).join(', ')}`);
  out.push('', 'Conversions (SQLite declared type → target type):');
  for (const c of r.conversions) out.push(`  ${c.from} → ${c.to}: ${plural(c.columns.length, 'column')} — ${c.rule}`, `      ${list(c.columns)}`);
  if (r.cycles.length) {
    out.push('', 'Foreign-key cycles (loaded in one transaction, checked at the end):');
    for (const c of r.cycles) out.push(`  ${c.tables.join(' ↔ ')}: ${c.foreignKeys.map((f) => `${f.table}.${f.name} ${f.check}`).join(', ')}`);
  }
  out.push('', `Sequences set past max(id) and sqlite_sequence: ${r.sequences.length}`);
  if (r.rounded.length) {
    out.push('', 'Rounded to real (float4), as PostgreSQL stores them:');
    for (const x of r.rounded) out.push(`  ${x.table}.${x.column}: ${plural(x.count, 'value', formatCount(x.count))}, e.g. rowid ${String(x.example.row)} ${x.example.from} → ${x.example.to}`);
  }
  if (r.orphans === 'skip' && r.orphanCount) {
    out.push('', `Orphan rows left out (written to the reject files): ${formatCount(r.orphanCount)}`);
    for (const o of r.orphanRows.slice(0, LISTED)) out.push(`  ${o.table} rowid ${String(o.row)}: ${o.columns.map((c, i) => `${c}=${o.values[i]}`).join(', ')} has no row in ${o.parentTable}`);
  }
  if (r.excluded.length) out.push('', `Excluded: ${list(r.excluded)}`);
  if (r.targetOnly.length) out.push(`Target tables with no source table (left as they are): ${list(r.targetOnly)}`);
  if (r.issues.length) {
    out.push('', `Stops the load (${r.issues.length}):`);
    for (const i of r.issues) out.push(`  - ${i.message}`);
  } else out.push('', 'Nothing stops the load.');
  // Table and column names come from the SQLite file.
  return terminalSafe(out.join('\n')) + '\n';
}

/** The closing summary of a data-only load. */
export function renderDataOnlySummary(r: DataOnlyResult, rejectFiles: readonly string[]): string {
  const out: string[] = [];
  const kept = r.tables.reduce((n, t) => n + t.kept, 0);
  const different = r.tables.reduce((n, t) => n + t.keptDifferent, 0);
  const rate = r.ms > 0 ? Math.round(r.rows / (r.ms / 1000)) : r.rows;
  out.push(`Loaded ${plural(r.tables.length, 'table')}, ${plural(r.rows, 'row', formatCount(r.rows))} (${formatBytes(r.bytes)} of COPY data) in ${formatMs(r.ms)} — ${formatCount(rate)} rows/s, in one transaction.`);
  if (kept) out.push(`Kept ${plural(kept, 'existing row', formatCount(kept))} instead of the source's${different ? ` (${formatCount(different)} differ from the source)` : ''}.`);
  const moved = r.sequences.filter((s) => s.value !== null);
  out.push(`Sequences: ${moved.length} of ${r.sequences.length} moved forward (next id past max(id) and sqlite_sequence).`);
  if (r.verification) out.push(`Verified ${plural(r.verification.tables.length, 'table')} before COMMIT: row counts and checksums of the converted values match.`);
  if (r.rejected) out.push(`${plural(r.rejected, 'orphan row', formatCount(r.rejected))} ${r.rejected === 1 ? 'was' : 'were'} left out; see ${rejectFiles.join(', ')}`);
  return terminalSafe(out.join('\n')) + '\n';
}

/** One progress line for a data-only event, or undefined for events that print nothing. */
export function renderDataOnlyEvent(e: MigrationEvent): string | undefined {
  switch (e.type) {
    case 'step':
      if (e.step === 'scan') return e.status === 'start' ? 'Reading every source value…' : `Read and converted every source value in ${formatMs(e.ms ?? 0)}.`;
      if (e.step === 'load' && e.status === 'start') return 'Loading in one transaction:';
      return undefined;
    case 'table-done':
      return `  ${e.table}: ${plural(e.rows, 'row', formatCount(e.rows))} in ${formatMs(e.ms)}${e.rejected ? `, ${e.rejected} left out` : ''}`;
    case 'rows-kept':
      return `  ${e.table}: kept ${plural(e.kept, 'existing row', formatCount(e.kept))}${e.different ? `, ${formatCount(e.different)} differ from the source` : ''}`;
    case 'waiting-for-run':
      return renderWaitingForRun(e);
    case 'verify-table':
      return e.ok ? undefined : `  verify ${e.table}: MISMATCH (source ${e.sourceRows - e.rejected}, target ${e.targetRows})`;
    default:
      return undefined;
  }
}
