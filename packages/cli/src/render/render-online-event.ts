import type { OnlineEvent } from '@catdb/core/online';
import { formatCount, formatMs } from './format-units.js';
import { plural } from './plural.js';

/**
 * One line for a human about an online-migration event, or undefined for events that only
 * matter to the progress display (the copy's table events) or to --json. Pure.
 */
export function renderOnlineEvent(e: OnlineEvent, file: string): string | undefined {
  switch (e.type) {
    case 'online-capture':
      return e.action === 'installed'
        ? `Installed change capture in ${file}: ${plural(e.tables, 'table')}, ${plural(e.triggers, 'trigger')} (catdb migrate online-abort removes them).`
        : `Continuing the online migration of ${file} (capture ${e.installId.slice(0, 8)}, ${plural(e.tables, 'table')}).`;
    case 'online-phase':
      if (e.phase === 'copy') return 'Copying a snapshot while the application keeps writing…';
      if (e.phase === 'follow') return 'Following the changes (Ctrl-C stops; running the same command again continues). Cut over with `catdb migrate cutover`.';
      if (e.phase === 'cutover') return 'Cutting over…';
      return undefined;
    case 'online-lag':
      return `Following: ${plural(e.pendingChanges, 'change', formatCount(e.pendingChanges))} behind (${e.lagSeconds.toFixed(1)} s), ${formatCount(e.appliedChanges)} applied${e.changesPerSecond !== null ? `, up to ${formatCount(e.changesPerSecond)}/s` : ''}${e.caughtUp ? ' — caught up' : ''}`;
    case 'online-retry':
      return `A round met a constraint (${e.reason}); retrying it with ${e.limit === null ? 'the whole log' : `${formatCount(e.limit)} log entries`}.`;
    case 'online-handover':
      if (e.status === 'released') return 'A cutover was requested: handed over to it.';
      if (e.status === 'resumed') return `Following again${e.reason ? `: ${e.reason}` : ''}.`;
      return 'The cutover is done.';
    case 'cutover-estimate':
      return `Left to drain: ${plural(e.pendingChanges, 'change', formatCount(e.pendingChanges))}; expected write pause ${formatMs(e.estimatedPauseMs)} (limit ${formatMs(e.maxPauseMs)}).`;
    case 'write-lock':
      if (e.status === 'acquired') return 'SQLite writes paused (write lock held)…';
      return `SQLite write lock released after ${formatMs(e.pauseMs ?? 0)}${e.fenced ? ', file fenced' : ', nothing fenced: writers go on'}.`;
    case 'cutover-count':
      return e.ok ? undefined : `DIFF ${e.table}: SQLite ${plural(e.sqliteRows, 'row')}, target ${e.targetRows}`;
    case 'fenced':
      return `Fenced ${plural(e.tables, 'table')}: writes to them in SQLite now fail with "${e.message}".`;
    case 'warning':
      return `warning: ${e.warning.object}: ${e.warning.message}`;
    default:
      return undefined;
  }
}
