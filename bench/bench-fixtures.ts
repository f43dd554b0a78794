// Builders for the unit tests of the pure benchmark code (not a test file itself).
import type { BenchResults, ContenderId, ContenderResult, ContenderStatus, RunResult, ScaleResult } from './bench-types.js';
import { computeBenchRatios } from './compute-bench-ratios.js';
import { computeBenchTargets } from './compute-bench-targets.js';
import { summarizeContender } from './summarize-contender.js';

export function run(wallS: number, rssMiB: number, extra: Partial<RunResult> = {}): RunResult {
  return { wallS, peakRssKiB: rssMiB * 1024, exitCode: 0, counts: {}, countMismatches: [], processes: [], ...extra };
}

/** A contender: a number is one successful run of that many seconds (RSS 100 MiB); a status is a non-run. */
export function contender(id: ContenderId, spec: number | RunResult[] | ContenderStatus, reason?: string): ContenderResult {
  if (typeof spec === 'string') return { id, status: spec, runs: [], ...(reason ? { reason } : {}) };
  const runs = typeof spec === 'number' ? [run(spec, 100)] : spec;
  return { id, status: 'ok', runs, summary: summarizeContender(runs, 4_500_000, 920 * 1024 * 1024) };
}

export function scale(n: number, contenders: ContenderResult[]): ScaleResult {
  return { scale: n, rows: 1_000_000 * n, totalRows: 4_500_000 * n, sqliteBytes: 920 * 1024 * 1024 * n, sqliteCounts: {}, contenders };
}

export function results(scales: ScaleResult[]): BenchResults {
  const ratios = scales.map(computeBenchRatios);
  return {
    version: 1,
    startedAt: '2025-01-01T10:00:00.000Z',
    finishedAt: '2025-01-01T10:05:00.000Z',
    command: 'pnpm bench --rows 1000000 --scales 1 --runs 1',
    options: { rows: 1_000_000, scales: scales.map((s) => s.scale), runs: 1, skipPgloader: false, only: ['copy-seq', 'copy-par', 'catdb', 'catdb-verify'], timeoutSPerMillion: 900 },
    machine: {
      nproc: 2,
      memTotalMiB: 24105,
      cpuModel: 'Test CPU',
      kernel: 'Linux 6.1',
      node: 'v20.20.2',
      postgres: 'PostgreSQL 15.14',
      sqlite3: '3.40.1',
      pgSettings: { shared_buffers: '256MB', max_wal_size: '4GB' },
      loadAvg1: 0.5,
    },
    rssMethod: 'GNU time %M per process',
    scales,
    ratios,
    targets: computeBenchTargets(scales, ratios),
  };
}
