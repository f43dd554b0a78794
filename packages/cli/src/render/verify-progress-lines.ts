import type { MigrationEvent } from '@catdb/core';
import { formatCount, formatMs } from './format-units.js';
import { plural } from './plural.js';
import { terminalSafe } from './terminal-safe.js';

export interface VerifyProgressOptions {
  /** Where a line goes (stderr); without its newline. */
  write(line: string): void;
  /** How often a table still being compared is reported (see progressIntervalMs). */
  intervalMs: number;
  now?: () => number;
  /** false: no timer, the caller calls tick() (tests). */
  timers?: boolean;
}

/**
 * `migrate verify` progress as lines: what it is about to compare, each table as it finishes
 * (`[3/11] album: ok, 347 rows in 12ms`), and every `intervalMs` the tables still being compared.
 */
export function verifyProgressLines(options: VerifyProgressOptions): { onEvent(e: MigrationEvent): void; tick(): void; stop(): void } {
  const now = options.now ?? (() => performance.now());
  const say = (line: string): void => options.write(terminalSafe(line));
  const running = new Map<string, { started: number; rows: number; lastLine: number }>();
  let total = 0;
  let done = 0;
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const tick = (): void => {
    const t = now();
    for (const [table, s] of running) {
      if (t - s.lastLine < options.intervalMs) continue;
      s.lastLine = t;
      say(`${table}: comparing ${plural(s.rows, 'row', formatCount(s.rows))}, ${formatMs(t - s.started)} so far`);
    }
  };
  const onEvent = (e: MigrationEvent): void => {
    if (e.type === 'verify-start') {
      total = e.tables;
      say(`Verifying ${plural(e.tables, 'table')}, ${plural(e.rows, 'row', e.rows.toLocaleString('en-US'))}: row counts and checksums`);
    } else if (e.type === 'verify-table-start') {
      running.set(e.table, { started: now(), rows: e.rows, lastLine: now() });
      // unref: the lines never keep the process alive after the work ended.
      timer ??= options.timers === false ? undefined : setInterval(tick, Math.min(options.intervalMs, 1000)).unref();
    } else if (e.type === 'verify-table') {
      running.delete(e.table);
      if (running.size === 0) stop();
      done += 1;
      const detail = e.ok ? `ok, ${plural(e.targetRows, 'row', formatCount(e.targetRows))}` : `DIFF, source ${plural(e.sourceRows - e.rejected, 'row')} / target ${plural(e.targetRows, 'row')}`;
      say(`[${done}/${Math.max(total, done)}] ${e.table}: ${detail}${e.ms ? ` in ${formatMs(e.ms)}` : ''}`);
    }
  };
  return { onEvent, tick, stop };
}
