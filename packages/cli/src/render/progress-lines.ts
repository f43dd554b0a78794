import type { MigrationEvent, MigrationStep } from '@catdb/core';
import { formatCount, formatMs } from './format-units.js';
import { plural } from './plural.js';
import { renderRateLine } from './render-rate-line.js';
import { terminalSafe } from './terminal-safe.js';

const STEP_NAMES: Partial<Record<MigrationStep, string>> = {
  create: 'Created the schema',
  constraints: 'Primary keys, unique constraints, indexes, checks',
  'foreign-keys': 'Foreign keys',
  sequences: 'Sequences past the loaded ids',
  views: 'Views',
  triggers: 'Triggers',
  analyze: 'ANALYZE',
  verify: 'Verified counts and checksums',
};

export interface ProgressLinesOptions {
  /** Where a line goes (stderr); without its newline. */
  write(line: string): void;
  /** How often a table still loading reports (see progressIntervalMs). */
  intervalMs: number;
  /** A monotonic clock in milliseconds; performance.now() unless a test drives it. */
  now?: () => number;
  /** false: no timer, the caller calls tick() (tests). */
  timers?: boolean;
  /** false: only the start and periodic lines of tables, for a caller that prints the ends itself (--data-only). */
  ends?: boolean;
}

/**
 * Migration progress as plain lines, for logs, CI and pipes, where a task list that redraws
 * itself prints nothing useful: one line when a table starts and one when it ends, and every
 * `intervalMs` one per table still loading (rows, rows/s, ETA); a line per finished step.
 * `tick()` prints the periodic lines; a timer calls it while a table is loading.
 */
export function progressLines(options: ProgressLinesOptions): { onEvent(e: MigrationEvent): void; tick(): void; stop(): void } {
  const now = options.now ?? (() => performance.now());
  const say = (line: string): void => options.write(terminalSafe(line));
  const loading = new Map<string, { started: number; rows: number; totalRows: number; lastLine: number }>();
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const ended = (table: string): void => {
    loading.delete(table);
    if (loading.size === 0) stop();
  };

  const tick = (): void => {
    const t = now();
    for (const [table, s] of loading) {
      if (t - s.lastLine < options.intervalMs) continue;
      s.lastLine = t;
      say(renderRateLine(table, s.rows, s.totalRows, t - s.started));
    }
  };
  const onEvent = (e: MigrationEvent): void => {
    if (options.ends === false && e.type !== 'table-start' && e.type !== 'table-progress') {
      if (e.type === 'table-done' || e.type === 'table-skipped') ended(e.table);
      return;
    }
    switch (e.type) {
      case 'planned':
        return say(`Planned ${plural(e.tables, 'table')}, ${plural(e.rows, 'row', e.rows.toLocaleString('en-US'))}.`);
      case 'table-start':
        loading.set(e.table, { started: now(), rows: 0, totalRows: e.rows, lastLine: now() });
        // unref: the lines never keep the process alive after the work ended.
        timer ??= options.timers === false ? undefined : setInterval(tick, Math.min(options.intervalMs, 1000)).unref();
        return say(`${e.table}: loading ${plural(e.rows, 'row', formatCount(e.rows))}`);
      case 'table-progress': {
        const s = loading.get(e.table);
        if (!s) return;
        Object.assign(s, { rows: e.rows, totalRows: e.totalRows });
        // Due lines go out with the news too: a timer alone is late while the load keeps the
        // event loop busy, and a load shorter than a few timer turns would show none.
        return tick();
      }
      case 'table-retry':
        return say(`${e.table}: loading again value by value (${e.reason})`);
      case 'table-skipped':
        ended(e.table);
        return say(`${e.table}: ${e.reason}`);
      case 'table-done':
        ended(e.table);
        return say(`${e.table}: ${plural(e.rows, 'row', formatCount(e.rows))} in ${formatMs(e.ms)}${e.rejected ? `, ${e.rejected} rejected` : ''}`);
      case 'step': {
        const name = STEP_NAMES[e.step];
        if (name && e.status === 'done') say(`${name}: done${e.ms !== undefined ? ` in ${formatMs(e.ms)}` : ''}`);
        return;
      }
      case 'verify-table':
        if (!e.ok) say(`${e.table}: DIFF (source ${plural(e.sourceRows - e.rejected, 'row')}, target ${plural(e.targetRows, 'row')})`);
        return;
      default:
        return;
    }
  };
  return { onEvent, tick, stop };
}
