import type { CutoverResult, OnlineEvent } from '@catdb/core/online';
import { describe, expect, it } from 'vitest';
import { renderCutoverSummary } from './render-cutover-summary.js';
import { renderOnlineEvent } from './render-online-event.js';

describe('renderOnlineEvent', () => {
  it.each<[OnlineEvent, string | undefined]>([
    [{ type: 'online-capture', action: 'installed', installId: 'abcdef0123', tables: 5, triggers: 15 }, 'Installed change capture in app.db: 5 tables, 15 triggers (catdb migrate online-abort removes them).'],
    [{ type: 'online-capture', action: 'found', installId: 'abcdef0123', tables: 5, triggers: 15 }, 'Continuing the online migration of app.db (capture abcdef01, 5 tables).'],
    [{ type: 'online-capture', action: 'found', installId: 'abcdef0123', tables: 1, triggers: 3 }, 'Continuing the online migration of app.db (capture abcdef01, 1 table).'],
    [{ type: 'online-lag', pendingChanges: 1, lagSeconds: 0.1, appliedChanges: 1, changesPerSecond: null, caughtUp: false }, 'Following: 1 change behind (0.1 s), 1 applied'],
    [{ type: 'cutover-count', table: 'items', sqliteRows: 1, targetRows: 0, ok: false }, 'DIFF items: SQLite 1 row, target 0'],
    [{ type: 'online-lag', pendingChanges: 12, lagSeconds: 0.43, appliedChanges: 15000, changesPerSecond: 4200, caughtUp: true }, 'Following: 12 changes behind (0.4 s), 15k applied, up to 4200/s — caught up'],
    [{ type: 'online-lag', pendingChanges: 20500, lagSeconds: 31, appliedChanges: 0, changesPerSecond: null, caughtUp: false }, 'Following: 21k changes behind (31.0 s), 0 applied'],
    [{ type: 'online-retry', reason: 'fk', limit: null }, 'A round met a constraint (fk); retrying it with the whole log.'],
    [{ type: 'online-handover', status: 'resumed', reason: 'pause too long' }, 'Following again: pause too long.'],
    [{ type: 'cutover-estimate', pendingChanges: 3, changesPerSecond: 2000, estimatedPauseMs: 120, maxPauseMs: 2000 }, 'Left to drain: 3 changes; expected write pause 120ms (limit 2.0s).'],
    [{ type: 'write-lock', status: 'released', pauseMs: 310, fenced: true }, 'SQLite write lock released after 310ms, file fenced.'],
    [{ type: 'write-lock', status: 'released', pauseMs: 2100, fenced: false }, 'SQLite write lock released after 2.1s, nothing fenced: writers go on.'],
    [{ type: 'cutover-count', table: 'items', sqliteRows: 10, targetRows: 10, ok: true }, undefined],
    [{ type: 'cutover-count', table: 'items', sqliteRows: 10, targetRows: 9, ok: false }, 'DIFF items: SQLite 10 rows, target 9'],
    [{ type: 'table-progress', table: 'items', rows: 1, totalRows: 2, bytes: 3 }, undefined],
  ])('%j', (event, line) => {
    expect(renderOnlineEvent(event, 'app.db')).toBe(line);
  });
});

describe('renderCutoverSummary', () => {
  const result: CutoverResult = {
    runId: 'r1',
    pauseMs: 310,
    estimatedPauseMs: 280,
    drainedChanges: 4,
    verify: 'changed',
    counts: [{ table: 'items', sqliteRows: 1, targetRows: 1, ok: true }],
    verified: [],
    reloaded: ['audit'],
    sequences: [{ sequence: 's', table: 'items', column: 'id', maxId: '9', sqliteSequence: '12', previous: '9', value: '12' }],
    fencedTables: 5,
    finishedEarlierAttempt: false,
    ms: 900,
  };

  it('says what paused, what was checked, what moved, and what to do now', () => {
    expect(renderCutoverSummary(result, 'app.db')).toBe(
      [
        'Cut over: SQLite writes were paused 310ms (estimated 280ms); 4 changes applied under the lock.',
        'Verified: row counts of 1 changed table, and every applied row as it was written; reloaded audit (no primary key).',
        'Sequences moved: items.id → 12.',
        'app.db is fenced (5 tables refuse writes). Switch the application to PostgreSQL now.',
        '',
      ].join('\n'),
    );
  });

  it('reports a cutover finished after a crash, and one already done', () => {
    expect(renderCutoverSummary({ ...result, pauseMs: null, finishedEarlierAttempt: true }, 'app.db')).toMatch(/^Finished the cutover an earlier attempt had fenced/);
    expect(renderCutoverSummary({ ...result, alreadyDone: true }, 'app.db')).toBe('app.db was already cut over (run r1); nothing to do.\n');
  });
});
