import { describe, expect, it } from 'vitest';
import { computeOnlineTargets } from './compute-online-targets.js';
import type { OnlineBenchResult } from './online-bench-types.js';
import { renderOnlineReport } from './render-online-report.js';

const measured: OnlineBenchResult = {
  rows: 1_000_000,
  writesPerSecond: 200,
  achievedWritesPerSecond: 198.4,
  status: 'ok',
  copyS: 41.2,
  backlogChanges: 20_500,
  catchUpS: 4.1,
  catchUpChangesPerS: 5000,
  followerChangesPerS: 6100,
  pauseMs: 310,
  estimatedPauseMs: 280,
  drainedChanges: 12,
  writerMaxBlockedMs: 350,
  fencedWrites: 190,
};

describe('computeOnlineTargets', () => {
  it('passes both targets on a good run', () => {
    expect(computeOnlineTargets(measured).map((t) => [t.id, t.status])).toEqual([
      ['online-follower', 'PASS'],
      ['online-pause', 'PASS'],
    ]);
  });

  it.each([
    ['a slow follower', { catchUpChangesPerS: 1999 }, 'online-follower'],
    ['a long pause', { pauseMs: 2001 }, 'online-pause'],
  ])('fails %s', (_name, change, failing) => {
    const targets = computeOnlineTargets({ ...measured, ...change });
    expect(targets.filter((t) => t.status === 'FAIL').map((t) => t.id)).toEqual([failing]);
  });

  it('counts the exact boundaries as passing', () => {
    expect(computeOnlineTargets({ ...measured, catchUpChangesPerS: 2000, pauseMs: 2000 }).every((t) => t.status === 'PASS')).toBe(true);
  });

  it('fails both when the run failed, and skips both when it did not run', () => {
    expect(computeOnlineTargets({ ...measured, status: 'failed', error: 'cutover exited 1' }).map((t) => [t.status, t.measured])).toEqual([
      ['FAIL', 'failed: cutover exited 1'],
      ['FAIL', 'failed: cutover exited 1'],
    ]);
    expect(computeOnlineTargets(undefined).map((t) => t.status)).toEqual(['SKIP', 'SKIP']);
  });
});

describe('renderOnlineReport', () => {
  it('prints the figures for the console', () => {
    const text = renderOnlineReport(measured, 'text');
    expect(text).toContain('1,000,000 media items, writer at 200 writes/s');
    expect(text).toContain('catch-up after the snapshot: 4.1 s (5,000 changes/s)');
    expect(text).toContain('write pause at cutover: 310 ms (estimated 280 ms; 12 changes drained under the lock)');
  });

  it('renders a Markdown section with a table', () => {
    const md = renderOnlineReport(measured, 'markdown');
    expect(md.startsWith('## Online migration\n')).toBe(true);
    expect(md).toContain('| backlog when following started | 20,500 changes |');
    expect(md).toContain('| follower speed (best round) | 6,100 changes/s |');
  });

  it('says why a failed run failed', () => {
    expect(renderOnlineReport({ ...measured, status: 'failed', error: 'timed out' }, 'text')).toBe('online: FAILED — timed out');
  });
});
