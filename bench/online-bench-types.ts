/** What the online benchmark measured (one run; see measure-online.ts). */
export interface OnlineBenchResult {
  /** media_items rows of the database. */
  rows: number;
  /** The writer's requested rate and what it achieved over the run. */
  writesPerSecond: number;
  achievedWritesPerSecond: number;
  /** The writer's rate and write latency alone (baseline), then in each phase of the migration. */
  writerPhases: WriterPhase[];
  status: 'ok' | 'failed';
  error?: string;
  /** `--online` start to the end of the copy (capture, snapshot copy, keys, verification), seconds. */
  copyS: number;
  /** Log entries waiting when following started: what the application wrote during the copy. */
  backlogChanges: number;
  /** Start of following to the first report of being caught up, seconds. */
  catchUpS: number;
  /** Log entries applied until caught up, per second of catching up. */
  catchUpChangesPerS: number;
  /** The highest speed the follower reported over its rounds (entries per second of round time). */
  followerChangesPerS: number | null;
  /** The cutover's report: SQLite write lock held, its own estimate, changes drained under the lock. */
  pauseMs: number;
  estimatedPauseMs: number;
  drainedChanges: number;
  /** The longest write in flight while the cutover held the lock, busy waiting included (ms). */
  writerMaxBlockedMs: number;
  /** Writes refused by the fence after the cutover (the writer kept trying). */
  fencedWrites: number;
}

/** The benchmark writer in one phase of the run (see summarizeWriterPhases). */
export interface WriterPhase {
  /** `alone` (before catdb starts), `copy`, `catch-up`, `following`, `cutover`. */
  name: string;
  seconds: number;
  /** Successful writes, and per second of the phase. */
  writes: number;
  writesPerSecond: number;
  /** Write duration, busy waiting included (ms): median, 99th percentile, longest. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Writes dropped after the writer fell more than a second behind. */
  skipped: number;
}
