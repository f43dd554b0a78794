import { describe, expect, it } from 'vitest';
import { progressLines } from './progress-lines.js';
import { verifyProgressLines } from './verify-progress-lines.js';
import { renderRateLine } from './render-rate-line.js';
import { renderVerifySummary } from './render-verify-summary.js';

/** A renderer driven by hand: a clock the test sets, lines collected. */
function harness<T extends { tick(): void }>(make: (o: { write(l: string): void; intervalMs: number; now(): number; timers: false }) => T) {
  const lines: string[] = [];
  let t = 0;
  const r = make({ write: (l) => lines.push(l), intervalMs: 5000, now: () => t, timers: false });
  return { r, lines, at: (ms: number) => ((t = ms), r.tick()) };
}

describe('progressLines (migrate without a terminal)', () => {
  it('prints a line when a table starts and ends, and one every interval while it loads', () => {
    const { r, lines, at } = harness(progressLines);
    r.onEvent({ type: 'planned', tables: 2, rows: 600_001, warnings: 0, decisions: 0, problems: 0, tableRows: [] });
    r.onEvent({ type: 'table-start', table: 'big', rows: 600_000 });
    r.onEvent({ type: 'table-start', table: 'one', rows: 1 });
    r.onEvent({ type: 'table-done', table: 'one', rows: 1, bytes: 10, rejected: 0, ms: 3 });
    at(4000);
    expect(lines).toHaveLength(4);
    r.onEvent({ type: 'table-progress', table: 'big', rows: 200_000, totalRows: 600_000, bytes: 1 });
    at(5000);
    r.onEvent({ type: 'table-progress', table: 'big', rows: 400_000, totalRows: 600_000, bytes: 1 });
    at(9000);
    at(10_000);
    r.onEvent({ type: 'table-done', table: 'big', rows: 600_000, bytes: 1, rejected: 2, ms: 15_000 });
    at(20_000);
    r.onEvent({ type: 'step', step: 'foreign-keys', status: 'done', ms: 40 });
    expect(lines).toEqual([
      'Planned 2 tables, 600,001 rows.',
      'big: loading 600k rows',
      'one: loading 1 row',
      'one: 1 row in 3ms',
      'big: 200k/600k rows, 40k rows/s, ETA 10.0s',
      'big: 400k/600k rows, 40k rows/s, ETA 5.0s',
      'big: 600k rows in 15.0s, 2 rejected',
      'Foreign keys: done in 40ms',
    ]);
  });

  it('prints a due line when progress arrives, without waiting for the timer', () => {
    const lines: string[] = [];
    let t = 0;
    const r = progressLines({ write: (l) => lines.push(l), intervalMs: 200, now: () => t, timers: false });
    r.onEvent({ type: 'table-start', table: 'big', rows: 300_000 });
    t = 150;
    r.onEvent({ type: 'table-progress', table: 'big', rows: 100_000, totalRows: 300_000, bytes: 1 });
    t = 250;
    r.onEvent({ type: 'table-progress', table: 'big', rows: 150_000, totalRows: 300_000, bytes: 1 });
    t = 300;
    r.onEvent({ type: 'table-progress', table: 'big', rows: 200_000, totalRows: 300_000, bytes: 1 });
    expect(lines).toEqual(['big: loading 300k rows', 'big: 150k/300k rows, 600k rows/s, ETA 250ms']);
  });

  it('with ends: false, prints only the start and periodic lines (the caller prints the rest)', () => {
    const lines: string[] = [];
    let t = 0;
    const r = progressLines({ write: (l) => lines.push(l), intervalMs: 5000, now: () => t, timers: false, ends: false });
    r.onEvent({ type: 'planned', tables: 1, rows: 10, warnings: 0, decisions: 0, problems: 0, tableRows: [] });
    r.onEvent({ type: 'table-start', table: 'a', rows: 10 });
    r.onEvent({ type: 'table-progress', table: 'a', rows: 5, totalRows: 10, bytes: 1 });
    t = 5000;
    r.tick();
    r.onEvent({ type: 'table-done', table: 'a', rows: 10, bytes: 1, rejected: 0, ms: 6000 });
    t = 10_000;
    r.tick();
    r.onEvent({ type: 'step', step: 'analyze', status: 'done', ms: 1 });
    expect(lines).toEqual(['a: loading 10 rows', 'a: 5/10 rows, 1 rows/s, ETA 5.0s']);
  });

  it('keeps control characters of table names off the terminal', () => {
    const { r, lines } = harness(progressLines);
    r.onEvent({ type: 'table-start', table: 'evil\u001b[2Jname', rows: 2 });
    expect(lines[0]).not.toContain('\u001b');
  });
});

describe('verifyProgressLines', () => {
  it('says what it compares, each table as it ends, and long tables every interval', () => {
    const { r, lines, at } = harness(verifyProgressLines);
    r.onEvent({ type: 'verify-start', tables: 3, rows: 1_000_001 });
    r.onEvent({ type: 'verify-table', table: 'gone', ok: false, sourceRows: 0, targetRows: 0, rejected: 0, ms: 0 });
    r.onEvent({ type: 'verify-table-start', table: 'big', rows: 1_000_000 });
    r.onEvent({ type: 'verify-table-start', table: 'one', rows: 1 });
    r.onEvent({ type: 'verify-table', table: 'one', ok: true, sourceRows: 1, targetRows: 1, rejected: 0, ms: 2 });
    at(6000);
    r.onEvent({ type: 'verify-table', table: 'big', ok: true, sourceRows: 1_000_000, targetRows: 1_000_000, rejected: 0, ms: 7000 });
    expect(lines).toEqual([
      'Verifying 3 tables, 1,000,001 rows: row counts and checksums',
      '[1/3] gone: DIFF, source 0 rows / target 0 rows',
      '[2/3] one: ok, 1 row in 2ms',
      'big: comparing 1.0M rows, 6.0s so far',
      '[3/3] big: ok, 1.0M rows in 7.0s',
    ]);
  });
});

describe('renderRateLine', () => {
  it.each([
    ['t', 0, 10, 0, 't: 0/10 rows, 0ms so far'],
    ['t', 1, 1, 1000, 't: 1/1 row, 1 rows/s, ETA 0ms'],
    ['t', 50_000, 100_000, 10_000, 't: 50k/100k rows, 5000 rows/s, ETA 10.0s'],
  ] as const)('%s %i/%i after %ims', (table, rows, total, ms, expected) => {
    expect(renderRateLine(table, rows, total, ms)).toBe(expected);
  });
});

describe('renderVerifySummary', () => {
  const t = (table: string, ok: boolean, sourceRows: number, rejected = 0) => ({ table, target: table, ok, sourceRows, targetRows: sourceRows, rejected, sourceChecksum: '', targetChecksum: '', ms: 1 });
  it.each([
    [{ ok: true, tables: [t('a', true, 1)] }, 'Verified 1 table, 1 row: row counts and checksums match.'],
    [{ ok: true, tables: [t('a', true, 1000), t('b', true, 5, 2)] }, 'Verified 2 tables, 1,003 rows: row counts and checksums match.'],
    [{ ok: false, tables: [t('a', false, 1), t('b', true, 1)] }, 'Verified 2 tables, 2 rows: 1 table differs (a).'],
    [{ ok: false, tables: [t('a', false, 1), t('b', false, 1)] }, 'Verified 2 tables, 2 rows: 2 tables differ (a, b).'],
  ])('%j', (result, expected) => {
    expect(renderVerifySummary(result)).toBe(expected);
  });
});
