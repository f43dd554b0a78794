import type { ContenderSummary, RunResult } from './bench-types.js';

const MIB = 1024 * 1024;

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Summarises the successful runs of one contender: median wall (and load/post-load)
 * time, throughput from the median, and the *largest* peak RSS seen in any run, since
 * the memory target is a bound, not an average.
 */
export function summarizeContender(runs: readonly RunResult[], totalRows: number, sqliteBytes: number): ContenderSummary {
  const wallS = median(runs.map((r) => r.wallS));
  const loads = runs.flatMap((r) => (r.loadS === undefined ? [] : [r.loadS]));
  const posts = runs.flatMap((r) => (r.postloadS === undefined ? [] : [r.postloadS]));
  return {
    wallS,
    ...(loads.length === runs.length && loads.length > 0 ? { loadS: median(loads) } : {}),
    ...(posts.length === runs.length && posts.length > 0 ? { postloadS: median(posts) } : {}),
    rowsPerS: totalRows / wallS,
    mibPerS: sqliteBytes / MIB / wallS,
    peakRssMiB: Math.max(...runs.map((r) => r.peakRssKiB)) / 1024,
  };
}
