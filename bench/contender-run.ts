import type { LocalPostgres } from '../packages/core/src/local/start-postgres.js';
import type { ProcessSample } from './bench-types.js';

/** What every contender runner gets: a fresh, empty target database and the inputs. */
export interface ContenderContext {
  server: LocalPostgres;
  /** The target database (already dropped and re-created empty). */
  database: string;
  /** Its URL, without password. */
  url: string;
  /** The SQLite source. */
  dbPath: string;
  /** CSV files of the \copy reference. */
  csvDir: string;
  /** The bench/ folder (SQL files, generator). */
  benchDir: string;
  /** Repository root (for bin/catdb). */
  repoDir: string;
  /** Milliseconds before any one child is stopped. */
  timeoutMs: number;
  signal: AbortSignal;
}

/** A contender's measured run, before the row counts are checked. */
export interface ContenderRun {
  wallS: number;
  loadS?: number;
  postloadS?: number;
  peakRssKiB: number;
  exitCode: number;
  processes: ProcessSample[];
  /** Set when the run failed (non-zero exit, timeout, missing summary). */
  error?: string;
}
