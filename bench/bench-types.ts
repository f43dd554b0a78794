import type { OnlineBenchResult } from './online-bench-types.js';

/**
 * Shapes shared by the benchmark's measuring code, its pure calculations and its
 * renderers. The JSON written to `bench/.cache/results-<timestamp>.json` is a
 * {@link BenchResults}; bump `version` when a field changes meaning.
 */

/** Every contender the benchmark knows, in the order it runs and reports them. */
export const CONTENDER_IDS = ['copy-seq', 'copy-par', 'catdb', 'catdb-verify', 'baseline', 'baseline-verify', 'pgloader-default', 'pgloader-tuned'] as const;
export type ContenderId = (typeof CONTENDER_IDS)[number];

/** catdb of another checkout (`--baseline DIR`), run only when one is given. */
export const BASELINE_IDS: readonly ContenderId[] = ['baseline', 'baseline-verify'];

export const CONTENDER_LABELS: Record<ContenderId, string> = {
  'copy-seq': '\\copy reference, sequential',
  'copy-par': '\\copy reference, 2 big tables in parallel',
  catdb: 'catdb migrate --no-verify',
  'catdb-verify': 'catdb migrate (with verify)',
  baseline: 'baseline checkout: catdb migrate --no-verify',
  'baseline-verify': 'baseline checkout: catdb migrate (with verify)',
  'pgloader-default': 'pgloader, default options',
  'pgloader-tuned': 'pgloader, prefetch rows = 10000',
};

/** The six tables of the benchmark database, in load order (parents first). */
export const BENCH_TABLES = ['users', 'storage_roots', 'tags', 'media_items', 'media_files', 'media_tags'] as const;
export type BenchTable = (typeof BENCH_TABLES)[number];

export type RowCounts = Record<string, number>;

/** One process measured by `/usr/bin/time`. */
export interface ProcessSample {
  /** What ran, without secrets (e.g. `psql \copy media_items`). */
  label: string;
  wallS: number;
  /** Maximum resident set size of the process (and the largest of its waited-for children), KiB. */
  maxRssKiB: number;
  exitCode: number;
}

/** One timed run of one contender. */
export interface RunResult {
  /** Wall time of the whole timed part, seconds (measured by the harness, monotonic clock). */
  wallS: number;
  /** For the \copy reference: schema + data load, seconds. */
  loadS?: number;
  /** For the \copy reference: keys, indexes, foreign keys and sequences after the load, seconds. */
  postloadS?: number;
  /** Peak RSS of the contender's process tree, KiB (see {@link BenchResults.rssMethod}). */
  peakRssKiB: number;
  /** First non-zero exit code of the contender's processes, else 0. */
  exitCode: number;
  /** Row counts found in PostgreSQL after the run. */
  counts: RowCounts;
  /** Tables whose PostgreSQL count differs from SQLite (`table: pg≠sqlite`). */
  countMismatches: string[];
  /** Why the run failed, when it did. */
  error?: string;
  /** Per-process measurements, for the JSON file. */
  processes: ProcessSample[];
}

export type ContenderStatus = 'ok' | 'failed' | 'not-available' | 'not-installed' | 'skipped';

/** A contender's runs at one scale, and their summary. */
export interface ContenderResult {
  id: ContenderId;
  status: ContenderStatus;
  /** Why the contender did not run or failed. */
  reason?: string;
  runs: RunResult[];
  /** Present when status is `ok`: medians over runs, peak RSS as the maximum over runs. */
  summary?: ContenderSummary;
}

export interface ContenderSummary {
  wallS: number;
  loadS?: number;
  postloadS?: number;
  /** Total rows of the six tables divided by wall time. */
  rowsPerS: number;
  /** SQLite file size (MiB) divided by wall time. */
  mibPerS: number;
  peakRssMiB: number;
}

/** All contenders at one size of the benchmark database. */
export interface ScaleResult {
  /** Multiplier of `--rows` (1, 4, …). */
  scale: number;
  /** media_items rows (`--rows` × scale). */
  rows: number;
  /** Rows of all six tables together. */
  totalRows: number;
  sqliteBytes: number;
  sqliteCounts: RowCounts;
  contenders: ContenderResult[];
}

export interface MachineInfo {
  nproc: number;
  memTotalMiB: number;
  cpuModel: string;
  kernel: string;
  node: string;
  postgres: string;
  sqlite3: string;
  pgloader?: string;
  /** Server settings every contender ran against. */
  pgSettings: Record<string, string>;
  /** 1-minute load average when the run started: the machine may be shared. */
  loadAvg1: number;
}

export interface BenchOptions {
  rows: number;
  scales: number[];
  runs: number;
  skipPgloader: boolean;
  only: ContenderId[];
  /** Seconds before any one child process is killed, per 1M media_items (minimum applies). */
  timeoutSPerMillion: number;
  /** Leave out the online migration measurement (see measure-online.ts). */
  skipOnline?: boolean;
  /** The online measurement's writer rate. Default 200 writes/s. */
  onlineWritesPerSecond?: number;
  /** Another checkout of catdb (built), measured as the `baseline` contenders beside this one. */
  baselineDir?: string;
}

/** PENDING: catdb (or a reference) has no result yet; SKIP: the target does not apply here (pgloader absent). */
export type TargetStatus = 'PASS' | 'FAIL' | 'PENDING' | 'SKIP';

/** One of the targets, checked against the measurements. */
export interface TargetCheck {
  id: string;
  /** Human wording of the target, e.g. `catdb ≤ 1.0× sequential \copy + post-load`. */
  description: string;
  scale?: number;
  status: TargetStatus;
  /** The measured figure in words (`0.93×`, `212 MiB`) or why it could not be checked. */
  measured: string;
}

/** Ratios between contenders at one scale; undefined where a side is missing. */
export interface ScaleRatios {
  scale: number;
  catdbVsCopySeq?: number;
  catdbVsCopyPar?: number;
  /** (catdb-verify − catdb) / catdb, in percent. */
  verifyOverheadPct?: number;
  /** pgloader-tuned wall time / catdb wall time (how many times faster catdb is). */
  pgloaderTunedVsCatdb?: number;
  /** catdb / the baseline checkout's catdb, both --no-verify (below 1: this checkout is faster). */
  catdbVsBaseline?: number;
  /** The same with verification. */
  verifyVsBaseline?: number;
}

export interface BenchResults {
  version: 1;
  startedAt: string;
  finishedAt: string;
  /** The command line as typed, e.g. `pnpm bench --rows 1000000 --scales 1,4 --runs 1`. */
  command: string;
  options: BenchOptions;
  machine: MachineInfo;
  /** How peak RSS was measured, printed with the table. */
  rssMethod: string;
  scales: ScaleResult[];
  ratios: ScaleRatios[];
  targets: TargetCheck[];
  /** The online migration under a writer, at the first scale (absent with --skip-online). */
  online?: OnlineBenchResult;
  /** The `--baseline` checkout and its commit (`git rev-parse --short HEAD`, or `unknown`). */
  baseline?: { dir: string; revision: string };
}
