import { describe, expect, it } from 'vitest';
import { computeOnlineTargets } from './compute-online-targets.js';
import type { OnlineBenchResult } from './online-bench-types.js';
import { renderOnlineReport } from './render-online-report.js';
import { percentile, summarizeWriterPhases, type WriterLogLine } from './summarize-writer-phases.js';

const measured: OnlineBenchResult = {
  rows: 1_000_000,
  writesPerSecond: 200,
  achievedWritesPerSecond: 198.4,
  writerPhases: [
    { name: 'alone', seconds: 10, writes: 2000, writesPerSecond: 200, p50Ms: 0.42, p99Ms: 3.25, maxMs: 14.6, skipped: 0 },
    { name: 'copy', seconds: 41.2, writes: 7900, writesPerSecond: 191.7, p50Ms: 0.9, p99Ms: 22, maxMs: 1234.4, skipped: 150 },
  ],
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

describe('summarizeWriterPhases', () => {
  const at = (t: number, ms: number, ok = true): WriterLogLine => ({ t, ok, ms });
  it('splits the log by phase and takes nearest-rank percentiles of the successful writes', () => {
    const lines = [...Array.from({ length: 100 }, (_, i) => at(1000 + i, i + 1)), at(1500, 9999, false), { t: 1600, skipped: 7 }, at(2000, 5)];
    expect(summarizeWriterPhases(lines, [
      { name: 'a', from: 1000, to: 3000 },
      { name: 'b', from: 1050, to: 1060 },
      { name: 'none', from: 5000, to: 6000 },
    ])).toEqual([
      { name: 'a', seconds: 2, writes: 101, writesPerSecond: 50.5, p50Ms: 50, p99Ms: 99, maxMs: 100, skipped: 7 },
      { name: 'b', seconds: 0.01, writes: 10, writesPerSecond: 1000, p50Ms: 55, p99Ms: 60, maxMs: 60, skipped: 0 },
      { name: 'none', seconds: 1, writes: 0, writesPerSecond: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, skipped: 0 },
    ]);
  });

  it.each([
    [[], 0.5, 0],
    [[7], 0.99, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4], 0.75, 3],
    [[1, 2, 3, 4], 0.76, 4],
  ])('percentile(%j, %d) is %d', (values, p, expected) => expect(percentile(values, p)).toBe(expected));
});

describe('renderOnlineReport', () => {
  it('prints the figures for the console', () => {
    const text = renderOnlineReport(measured, 'text');
    expect(text).toContain('1,000,000 media items, writer at 200 writes/s');
    expect(text).toContain('catch-up after the snapshot: 4.1 s (5,000 changes/s)');
    expect(text).toContain('write pause at cutover: 310 ms (estimated 280 ms; 12 changes drained under the lock)');
    expect(text).toContain('writer, alone: 200 writes/s over 10.0 s; write latency p50 0.4 ms, p99 3.3 ms, max 15 ms');
    expect(text).toContain('writer, copy: 192 writes/s over 41.2 s; write latency p50 0.9 ms, p99 22 ms, max 1,234 ms; 150 dropped behind schedule');
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
