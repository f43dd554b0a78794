import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { BASELINE_IDS, CONTENDER_IDS } from './bench-types.js';
import { childTimeoutS, parseBenchArgs } from './parse-bench-args.js';

describe('parseBenchArgs', () => {
  const defaults = { rows: 1_000_000, scales: [1, 4], runs: 1, skipPgloader: false, only: CONTENDER_IDS.filter((id) => !BASELINE_IDS.includes(id)), timeoutSPerMillion: 900 };

  it.each([
    ['no flags', [], defaults],
    ['pnpm passes a -- separator', ['--', '--rows', '20000'], { ...defaults, rows: 20_000 }],
    ['rows, scales, runs', ['--rows', '20000', '--scales', '1', '--runs', '3'], { ...defaults, rows: 20_000, scales: [1], runs: 3 }],
    ['scales are sorted and deduplicated', ['--scales', '4,1,4'], { ...defaults, scales: [1, 4] }],
    ['skip pgloader', ['--skip-pgloader'], { ...defaults, skipPgloader: true }],
    ['skip online', ['--skip-online'], { ...defaults, skipOnline: true }],
    ['online writer rate', ['--online-writes', '500'], { ...defaults, onlineWritesPerSecond: 500 }],
    ['only keeps the canonical order', ['--only', 'catdb,copy-seq'], { ...defaults, only: ['copy-seq', 'catdb'] }],
    ['timeout', ['--timeout=60'], { ...defaults, timeoutSPerMillion: 60 }],
    ['a baseline checkout adds its contenders', ['--baseline', '../before'], { ...defaults, only: [...CONTENDER_IDS], baselineDir: resolve('../before') }],
    ['only with a baseline', ['--baseline', '/x', '--only', 'baseline,catdb'], { ...defaults, only: ['catdb', 'baseline'], baselineDir: '/x' }],
  ])('%s', (_name, argv, expected) => {
    expect(parseBenchArgs(argv)).toEqual({ help: false, options: expected });
  });

  it('re-renders a saved results file', () => {
    expect(parseBenchArgs(['--render', 'bench/.cache/results-x.json'])).toEqual({ help: false, render: 'bench/.cache/results-x.json' });
  });

  it('returns help for -h', () => {
    expect(parseBenchArgs(['-h'])).toEqual({ help: true });
  });

  it.each([
    [['--rows', '0'], /--rows wants a positive integer/],
    [['--rows', '1e6'], /--rows wants a positive integer/],
    [['--scales', '1,x'], /--scales wants a positive integer/],
    [['--runs=-1'], /--runs wants a positive integer/],
    [['--only', 'catdb,pg_dump'], /--only knows/],
    [['--only', ','], /--only knows/],
    [['--only', 'catdb,baseline'], /--only baseline, baseline-verify needs --baseline DIR/],
    [['--bogus'], /Unknown option/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

describe('childTimeoutS', () => {
  it.each([
    [900, 1_000_000, 900],
    [900, 4_000_000, 3600],
    [900, 20_000, 120],
    [60, 1_000_000, 120],
  ])('%i s per 1M at %i rows → %i s', (perMillion, rows, expected) => {
    expect(childTimeoutS({ timeoutSPerMillion: perMillion }, rows)).toBe(expected);
  });
});
