import type { WriterPhase } from './online-bench-types.js';

/** One line of the benchmark writer's log (bench-online-writer.ts). */
export interface WriterLogLine {
  /** Wall clock when the write returned (ms since the epoch). */
  t: number;
  ok?: boolean;
  /** The write's duration, busy waiting included (ms). */
  ms?: number;
  /** Writes the writer dropped after falling more than a second behind its schedule. */
  skipped?: number;
}

/**
 * The writer's achieved rate and write latency in each phase of the run (`[from, to)` on the
 * wall clock, by when a write returned). Percentiles are nearest-rank over the successful
 * writes; a phase without any has zeros. Pure.
 */
export function summarizeWriterPhases(lines: readonly WriterLogLine[], phases: readonly { name: string; from: number; to: number }[]): WriterPhase[] {
  return phases.map(({ name, from, to }) => {
    const inside = lines.filter((l) => l.t >= from && l.t < to);
    const ms = inside.filter((l) => l.ok === true).map((l) => l.ms ?? 0).sort((a, b) => a - b);
    const seconds = Math.max(0.001, (to - from) / 1000);
    return {
      name,
      seconds,
      writes: ms.length,
      writesPerSecond: ms.length / seconds,
      p50Ms: percentile(ms, 0.5),
      p99Ms: percentile(ms, 0.99),
      maxMs: ms.at(-1) ?? 0,
      skipped: inside.reduce((n, l) => n + (l.skipped ?? 0), 0),
    };
  });
}

/** Nearest-rank percentile of sorted values; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
