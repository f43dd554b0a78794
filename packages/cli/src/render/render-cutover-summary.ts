import type { CutoverResult } from '@catdb/core/online';
import { formatMs } from './format-units.js';
import { plural } from './plural.js';

/** The closing lines of a cutover, for a human. Pure. */
export function renderCutoverSummary(r: CutoverResult & { alreadyDone?: boolean }, file: string): string {
  if (r.alreadyDone) return `${file} was already cut over (run ${r.runId}); nothing to do.\n`;
  const lines: string[] = [];
  lines.push(r.pauseMs === null ? `Finished the cutover an earlier attempt had fenced (run ${r.runId}).` : `Cut over: SQLite writes were paused ${formatMs(r.pauseMs)} (estimated ${formatMs(r.estimatedPauseMs ?? 0)}); ${plural(r.drainedChanges, 'change')} applied under the lock.`);
  const checked = r.verify === 'full' ? `${plural(r.verified.length, 'table')} by count and checksum` : `row counts of ${plural(r.counts.length, 'changed table')}, and every applied row as it was written`;
  lines.push(`Verified: ${checked}${r.reloaded.length ? `; reloaded ${r.reloaded.join(', ')} (no primary key)` : ''}.`);
  const moved = r.sequences.filter((s) => s.value !== null);
  if (moved.length) lines.push(`Sequences moved: ${moved.map((s) => `${s.table}.${s.column} → ${s.value}`).join(', ')}.`);
  lines.push(`${file} is fenced (${plural(r.fencedTables, 'table')} ${r.fencedTables === 1 ? 'refuses' : 'refuse'} writes). Switch the application to PostgreSQL now.`);
  return lines.join('\n') + '\n';
}
