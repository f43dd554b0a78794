import { describe, expect, it } from 'vitest';
import { contender, results, run, scale } from './bench-fixtures.js';
import { renderBenchSummary } from './render-bench-summary.js';

describe('renderBenchSummary', () => {
  const text = renderBenchSummary(
    results([
      scale(1, [
        contender('copy-seq', [run(20, 12, { loadS: 12, postloadS: 8 })]),
        contender('catdb', 'not-available', 'not built'),
        contender('catdb-verify', 'failed', 'exited with 1'),
        contender('pgloader-tuned', 'not-installed'),
      ]),
    ]),
  ).split('\n');

  it.each([
    ['1× — 1,000,000 media items, 4,500,000 rows, 920 MiB'],
    ['  copy-seq         20.00 s (load 12.00 + post-load 8.00)  225,000 rows/s  46.0 MiB/s  peak RSS 12 MiB'],
    ['  catdb            catdb: not available — not built'],
    ['  catdb-verify     failed — exited with 1'],
    ['  pgloader-tuned   not-installed'],
    ['  SKIP    catdb ≥ 2× faster than tuned pgloader [1×]: pgloader not-installed'],
    ['  FAIL    verify adds ≤ 35% [1×]: catdb-verify FAILED: exited with 1'],
  ])('has the line %j', (expected) => {
    expect(text).toContain(expected);
  });
});
