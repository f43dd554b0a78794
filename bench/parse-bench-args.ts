import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { BASELINE_IDS, CONTENDER_IDS, type BenchOptions, type ContenderId } from './bench-types.js';

export const BENCH_USAGE = `Usage: pnpm bench [options]

  --rows N            media_items rows of the benchmark database (default 1000000)
  --scales 1,4        multipliers of --rows to run at (default 1,4; 1 skips the 4x run)
  --runs K            timed runs per contender and scale; the median is reported (default 1)
  --skip-pgloader     do not run pgloader even when it is installed
  --only a,b          run only these contenders: ${CONTENDER_IDS.join(', ')}
  --timeout S         seconds per 1M media_items before a child is killed (default 900, minimum 120 s)
  --skip-online       do not measure the online migration (catch-up and write pause under a writer)
  --online-writes W   writes per second of the online measurement's writer (default 200)
  --baseline DIR      also measure catdb of another built checkout (e.g. a git worktree of an
                      older commit) as the baseline contenders, interleaved with this one
  --render FILE       measure nothing: re-render docs/benchmarks.md and .svg from a saved results JSON
  -h, --help          show this help`;

export type ParsedBenchArgs = { help: true } | { help: false; render: string } | { help: false; options: BenchOptions };

function positiveInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new Error(`${flag} wants a positive integer, got "${value}"`);
  return Number(value);
}

/**
 * Turns the arguments after `pnpm bench` into options. Pure; throws an Error whose
 * message names the bad flag (the caller prints it with {@link BENCH_USAGE}).
 */
export function parseBenchArgs(argv: readonly string[]): ParsedBenchArgs {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    strict: true,
    allowPositionals: false,
    options: {
      rows: { type: 'string' },
      scales: { type: 'string' },
      runs: { type: 'string' },
      'skip-pgloader': { type: 'boolean' },
      only: { type: 'string' },
      timeout: { type: 'string' },
      'skip-online': { type: 'boolean' },
      'online-writes': { type: 'string' },
      render: { type: 'string' },
      baseline: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  if (values.render !== undefined) return { help: false, render: values.render };

  const scales = (values.scales ?? '1,4').split(',').map((s) => positiveInt('--scales', s));
  const uniqueScales = [...new Set(scales)].sort((a, b) => a - b);

  let only: ContenderId[] = CONTENDER_IDS.filter((id) => values.baseline !== undefined || !BASELINE_IDS.includes(id));
  if (values.only !== undefined) {
    const wanted = values.only.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = wanted.filter((w) => !(CONTENDER_IDS as readonly string[]).includes(w));
    if (unknown.length > 0 || wanted.length === 0) {
      throw new Error(`--only knows ${CONTENDER_IDS.join(', ')}; got "${values.only}"`);
    }
    // Keep the canonical order so reports read the same whatever order was typed.
    only = CONTENDER_IDS.filter((id) => wanted.includes(id));
  }
  if (values.baseline === undefined && only.some((id) => BASELINE_IDS.includes(id))) throw new Error(`--only ${BASELINE_IDS.join(', ')} needs --baseline DIR`);

  return {
    help: false,
    options: {
      rows: values.rows === undefined ? 1_000_000 : positiveInt('--rows', values.rows),
      scales: uniqueScales,
      runs: values.runs === undefined ? 1 : positiveInt('--runs', values.runs),
      skipPgloader: values['skip-pgloader'] ?? false,
      only,
      timeoutSPerMillion: values.timeout === undefined ? 900 : positiveInt('--timeout', values.timeout),
      ...(values['skip-online'] ? { skipOnline: true } : {}),
      ...(values['online-writes'] !== undefined ? { onlineWritesPerSecond: positiveInt('--online-writes', values['online-writes']) } : {}),
      ...(values.baseline !== undefined ? { baselineDir: resolve(values.baseline) } : {}),
    },
  };
}

/** Seconds before one child is killed at `rows` media_items: proportional, never under 120 s. */
export function childTimeoutS(options: Pick<BenchOptions, 'timeoutSPerMillion'>, rows: number): number {
  return Math.max(120, Math.ceil((options.timeoutSPerMillion * rows) / 1_000_000));
}
