import { describe, expect, it } from 'vitest';
import { contender, results, run, scale } from './bench-fixtures.js';
import { cell, renderBenchMarkdown } from './render-bench-markdown.js';

function tableRow(md: string, label: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`| ${label} |`));
  if (!line) throw new Error(`no row for ${label}`);
  return line.slice(2, -2).split(' | ');
}

describe('cell', () => {
  it.each([
    ['plain', 'plain'],
    ['a|b', 'a\\|b'],
    ['line one\n  line two', 'line one line two'],
    ['\\copy', '\\\\copy'],
  ])('%j', (input, expected) => expect(cell(input)).toBe(expected));
});

describe('renderBenchMarkdown', () => {
  const r = results([
    scale(1, [
      contender('copy-seq', [run(20, 12, { loadS: 12, postloadS: 8 })]),
      contender('copy-par', [run(16, 20, { loadS: 8, postloadS: 8 })]),
      contender('catdb', 'not-available', 'catdb migrate sqlite-to-pg is not built'),
      contender('catdb-verify', 'not-available'),
      contender('pgloader-tuned', 'not-installed'),
    ]),
  ]);
  const md = renderBenchMarkdown(r);

  it.each([
    ['\\\\copy reference, sequential', ['\\\\copy reference, sequential', 'ok', '20.00', '12.00', '8.00', '225,000', '46.0', '12', '0', 'match']],
    ['\\\\copy reference, 2 big tables in parallel', ['\\\\copy reference, 2 big tables in parallel', 'ok', '16.00', '8.00', '8.00', '281,250', '57.5', '20', '0', 'match']],
    ['catdb migrate --no-verify', ['catdb migrate --no-verify', 'pending (CLI not available yet)', '—', '—', '—', '—', '—', '—', '—', '—']],
    ['pgloader, prefetch rows = 10000', ['pgloader, prefetch rows = 10000', 'not installed', '—', '—', '—', '—', '—', '—', '—', '—']],
  ])('row for %s', (label, expected) => {
    expect(tableRow(md, label)).toEqual(expected);
  });

  it('names the machine, the command and the chart', () => {
    expect(md).toContain('pnpm bench --rows 1000000 --scales 1 --runs 1');
    expect(md).toContain('| CPU | Test CPU (2 cores visible) |');
    expect(md).toContain('| PostgreSQL | PostgreSQL 15.14 |');
    expect(md).toContain('shared_buffers=256MB, max_wal_size=4GB');
    expect(md).toContain('![Wall time and peak RSS per contender](benchmarks.svg)');
    expect(md).toContain('GNU time %M per process');
  });

  it('lists targets with their status and shows pending ratios', () => {
    expect(md).toMatch(/\| PENDING \| catdb \(no verify\) ≤ 1\.00× sequential \\\\copy \+ post-load \| 1× \| catdb not-available/);
    expect(md).toContain('| SKIP | catdb ≥ 2× faster than tuned pgloader | 1× | pgloader not-installed |');
    expect(md).toContain('- catdb / sequential \\copy + post-load: pending');
  });

  it('marks failures and differing counts', () => {
    const failed = results([
      scale(1, [
        contender('copy-seq', 20),
        { id: 'catdb', status: 'failed', reason: 'row counts differ', runs: [run(9, 150, { exitCode: 0, countMismatches: ['media_tags: pg=0 sqlite=15'] })] },
      ]),
    ]);
    const text = renderBenchMarkdown(failed);
    expect(tableRow(text, 'catdb migrate --no-verify')).toEqual([
      'catdb migrate --no-verify',
      '**FAILED**: row counts differ',
      '—',
      '—',
      '—',
      '—',
      '—',
      '150',
      '0',
      '**differ**: media_tags: pg=0 sqlite=15',
    ]);
    expect(text).toMatch(/\| \*\*FAIL\*\* \| catdb \(no verify\) ≤ 1\.00× sequential/);
  });

  it('shows an unknown RSS (run killed on timeout) as a dash', () => {
    const timedOut = results([scale(1, [{ id: 'catdb', status: 'failed', reason: 'timed out', runs: [run(300, 0, { exitCode: 124 })] }])]);
    expect(tableRow(renderBenchMarkdown(timedOut), 'catdb migrate --no-verify')[7]).toBe('—');
  });

  it('renders ratios when catdb ran', () => {
    const ok = results([scale(1, [contender('copy-seq', 20), contender('copy-par', 16), contender('catdb', 14), contender('catdb-verify', 17.5)])]);
    const text = renderBenchMarkdown(ok, { chartPath: 'x.svg' });
    expect(text).toContain('- catdb / sequential \\copy + post-load: 0.70×');
    expect(text).toContain('- catdb / parallel \\copy + post-load: 0.88×');
    expect(text).toContain('- verify overhead: +25.0%');
    expect(text).toContain('](x.svg)');
    expect(text).not.toContain('baseline');
  });

  it('names the baseline commit and gives the ratios against it', () => {
    const withBaseline = { ...results([scale(1, [contender('catdb', 18), contender('catdb-verify', 24), contender('baseline', 20), contender('baseline-verify', 30)])]), baseline: { dir: '/somewhere', revision: 'abc1234' } };
    const text = renderBenchMarkdown(withBaseline);
    expect(text).toContain('The baseline rows are catdb at commit `abc1234`');
    expect(text).not.toContain('/somewhere');
    expect(text).toContain('- catdb / baseline checkout: 0.90× without verify, 0.80× with verify');
    expect(tableRow(text, 'baseline checkout: catdb migrate --no-verify')[1]).toBe('ok');
  });
});
