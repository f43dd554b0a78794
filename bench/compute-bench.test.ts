import { describe, expect, it } from 'vitest';
import { contender, run, scale } from './bench-fixtures.js';
import { compareRowCounts } from './compare-row-counts.js';
import { computeBenchRatios } from './compute-bench-ratios.js';
import { benchExitCode, computeBenchTargets } from './compute-bench-targets.js';
import { median, summarizeContender } from './summarize-contender.js';

describe('median', () => {
  it.each([
    [[3], 3],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10], 10],
  ])('%j → %d', (values, expected) => expect(median(values)).toBe(expected));
  it('rejects an empty list', () => expect(() => median([])).toThrow(RangeError));
});

describe('summarizeContender', () => {
  it('takes the median time and the largest RSS', () => {
    const s = summarizeContender([run(10, 100), run(30, 120), run(20, 90)], 1_000_000, 100 * 1024 * 1024);
    expect(s).toEqual({ wallS: 20, rowsPerS: 50_000, mibPerS: 5, peakRssMiB: 120 });
  });
  it('reports load and post-load only when every run has them', () => {
    expect(summarizeContender([run(10, 1, { loadS: 6, postloadS: 4 }), run(12, 1, { loadS: 7, postloadS: 5 })], 10, 0)).toMatchObject({ loadS: 6.5, postloadS: 4.5 });
    expect(summarizeContender([run(10, 1, { loadS: 6 }), run(12, 1)], 10, 0)).not.toHaveProperty('loadS');
  });
});

describe('compareRowCounts', () => {
  it.each([
    ['equal', { a: 1, b: 2 }, { a: 1, b: 2 }, []],
    ['extra target tables are ignored', { a: 1 }, { a: 1, z: 5 }, []],
    ['short table', { a: 1, b: 2 }, { a: 1, b: 0 }, ['b: pg=0 sqlite=2']],
    ['missing table', { a: 1 }, {}, ['a: pg=missing sqlite=1']],
  ])('%s', (_name, sqlite, pg, expected) => expect(compareRowCounts(sqlite, pg)).toEqual(expected));
});

describe('computeBenchRatios', () => {
  it('computes every ratio when all sides ran', () => {
    const r = computeBenchRatios(
      scale(1, [contender('copy-seq', 20), contender('copy-par', 16), contender('catdb', 16), contender('catdb-verify', 20), contender('pgloader-tuned', 40)]),
    );
    expect(r).toEqual({ scale: 1, catdbVsCopySeq: 0.8, catdbVsCopyPar: 1, verifyOverheadPct: 25, pgloaderTunedVsCatdb: 2.5 });
  });
  it('compares catdb with a baseline checkout, with and without verification', () => {
    const r = computeBenchRatios(scale(1, [contender('catdb', 18), contender('catdb-verify', 24), contender('baseline', 20), contender('baseline-verify', 30)]));
    expect(r.catdbVsBaseline).toBeCloseTo(0.9, 10);
    expect(r.verifyVsBaseline).toBeCloseTo(0.8, 10);
  });
  it('leaves out ratios with a missing or failed side', () => {
    const r = computeBenchRatios(scale(1, [contender('copy-seq', 20), contender('catdb', 'not-available'), contender('catdb-verify', 'failed')]));
    expect(r).toEqual({ scale: 1 });
  });
});

function statusOf(checks: ReturnType<typeof computeBenchTargets>, id: string, scaleN?: number): string | undefined {
  return checks.find((c) => c.id === id && c.scale === scaleN)?.status;
}

describe('computeBenchTargets', () => {
  const ok = (catdb: number, verify: number, rss = 100) => [
    contender('copy-seq', 20),
    contender('copy-par', 16),
    contender('catdb', [run(catdb, rss)]),
    contender('catdb-verify', [run(verify, rss)]),
  ];

  it.each([
    // [name, catdb s, verify s, expected vs-copy-seq, vs-copy-par, verify-overhead]
    ['all within', 15, 19, 'PASS', 'PASS', 'PASS'],
    ['exactly at the bounds', 18.4, 18.4 * 1.35, 'PASS', 'PASS', 'PASS'],
    ['slower than sequential copy', 20.5, 22, 'FAIL', 'FAIL', 'PASS'],
    ['between sequential and parallel bound', 18.5, 20, 'PASS', 'FAIL', 'PASS'],
    ['verify too expensive', 15, 21, 'PASS', 'PASS', 'FAIL'],
    // +35.04% shows as +35.0% but is over the bound: the display's rounding is no slack.
    ['verify a hair over the bound', 15, 15 * 1.3504, 'PASS', 'PASS', 'FAIL'],
    ['a hair slower than sequential copy', 20.02, 21, 'FAIL', 'FAIL', 'PASS'],
  ])('%s', (_name, catdb, verify, seq, par, ver) => {
    const checks = computeBenchTargets([scale(1, ok(catdb, verify))], [computeBenchRatios(scale(1, ok(catdb, verify)))]);
    expect([statusOf(checks, 'vs-copy-seq', 1), statusOf(checks, 'vs-copy-par', 1), statusOf(checks, 'verify-overhead', 1)]).toEqual([seq, par, ver]);
  });

  it('shows more digits where a miss would read as the bound itself', () => {
    const runs = [scale(1, ok(15, 15 * 1.3504))];
    const checks = computeBenchTargets(runs, runs.map(computeBenchRatios));
    expect(checks.find((c) => c.id === 'verify-overhead')?.measured).toBe('+35.0% (35.0400)');
  });

  it('is PENDING while catdb is not available, FAIL when it failed', () => {
    const pending = [scale(1, [contender('copy-seq', 20), contender('copy-par', 16), contender('catdb', 'not-available'), contender('catdb-verify', 'not-available')])];
    const p = computeBenchTargets(pending, pending.map(computeBenchRatios));
    expect(p.filter((c) => c.id !== 'vs-pgloader-tuned').every((c) => c.status === 'PENDING')).toBe(true);
    expect(benchExitCode(pending, p)).toBe(0);

    const failed = [scale(1, [contender('copy-seq', 20), contender('copy-par', 16), contender('catdb', 'failed', 'exit 1'), contender('catdb-verify', 'failed')])];
    const f = computeBenchTargets(failed, failed.map(computeBenchRatios));
    expect(statusOf(f, 'vs-copy-seq', 1)).toBe('FAIL');
    expect(f.find((c) => c.id === 'vs-copy-seq')?.measured).toBe('catdb FAILED: exit 1');
    expect(statusOf(f, 'rss-catdb', 1)).toBe('FAIL');
    expect(benchExitCode(failed, f)).toBe(1);

    // pgloader running out of heap is reported, and the run still passes.
    const pgl = [scale(1, [contender('copy-seq', 20), contender('copy-par', 16), contender('catdb', 15), contender('catdb-verify', 19), contender('pgloader-default', 'failed', 'Heap exhausted'), contender('pgloader-tuned', 40)])];
    const g = computeBenchTargets(pgl, pgl.map(computeBenchRatios));
    expect(g.filter((c) => c.status === 'FAIL')).toEqual([]);
    expect(benchExitCode(pgl, g)).toBe(0);
  });

  it('leaves a target PENDING when its reference is missing', () => {
    const s = [scale(1, [contender('copy-seq', 'failed'), contender('catdb', 10), contender('catdb-verify', 12)])];
    const checks = computeBenchTargets(s, s.map(computeBenchRatios));
    expect(statusOf(checks, 'vs-copy-seq', 1)).toBe('PENDING');
    expect(statusOf(checks, 'vs-copy-par', 1)).toBe('PENDING');
    // …but the failed reference still makes the run exit non-zero.
    expect(benchExitCode(s, checks)).toBe(1);
  });

  it.each([
    ['not installed', contender('pgloader-tuned', 'not-installed'), 'SKIP'],
    ['skipped', contender('pgloader-tuned', 'skipped'), 'SKIP'],
    ['2× slower than catdb', contender('pgloader-tuned', 30), 'PASS'],
    ['only 1.5× slower', contender('pgloader-tuned', 22.5), 'FAIL'],
    ['pgloader failed', contender('pgloader-tuned', 'failed', 'Heap exhausted'), 'PASS'],
  ])('pgloader target when pgloader is %s', (_name, pgl, expected) => {
    const s = [scale(1, [...ok(15, 18), pgl])];
    expect(statusOf(computeBenchTargets(s, s.map(computeBenchRatios)), 'vs-pgloader-tuned', 1)).toBe(expected);
  });

  it.each([
    ['flat and small', 200, 210, 'PASS', 'PASS', 'PASS'],
    ['over the bound at 4×', 250, 310, 'PASS', 'FAIL', 'FAIL'],
    ['grows 20% but stays under 300', 200, 240, 'PASS', 'PASS', 'FAIL'],
    ['over the bound at 1×', 320, 320, 'FAIL', 'FAIL', 'PASS'],
  ])('memory: %s', (_name, rss1, rss4, at1, at4, flat) => {
    const s = [scale(1, ok(15, 18, rss1)), scale(4, ok(60, 72, rss4))];
    const checks = computeBenchTargets(s, s.map(computeBenchRatios));
    expect([statusOf(checks, 'rss-catdb', 1), statusOf(checks, 'rss-catdb', 4), statusOf(checks, 'rss-flat-catdb')]).toEqual([at1, at4, flat]);
  });

  it('has no flatness check with a single scale', () => {
    const s = [scale(1, ok(15, 18))];
    expect(computeBenchTargets(s, s.map(computeBenchRatios)).some((c) => c.id.startsWith('rss-flat'))).toBe(false);
  });
});
