// What a cutover may do and what it reports; types only, apart from the code that runs it.

import type { SequenceReset } from '../data-only/sequence-reset.js';
import type { TableVerification } from '../verify/table-verification.js';

/** How a cutover may pause the application and what it checks. */
export interface CutoverSettings {
  /** Longest write pause allowed, in ms: estimated before locking, and checked while locked (it backs out past it). Default 5000. */
  maxPauseMs?: number;
  /**
   * `changed` (default): row counts of every table that changed since the copy (and of the
   * tables whose foreign keys point at them), on top of the row-by-row check of every change
   * the follower applied. `full`: count and checksum of every table, as `migrate verify`.
   */
  verify?: 'changed' | 'full';
  /** How long to wait for the application's current write transaction before locking, in ms. Default 10000. */
  lockTimeoutMs?: number;
}

/** What a cutover did. */
export interface CutoverResult {
  runId: string;
  /** SQLite's write lock held → released, in ms; null when an earlier attempt had fenced the file and this one finished it. */
  pauseMs: number | null;
  estimatedPauseMs: number | null;
  /** Log entries applied while the lock was held. */
  drainedChanges: number;
  verify: 'changed' | 'full';
  counts: RowCount[];
  /** Tables checked by count and checksum (`full`, and reloaded tables). */
  verified: TableVerification[];
  /** Tables without a primary key that changed and were copied again whole. */
  reloaded: string[];
  sequences: SequenceReset[];
  fencedTables: number;
  /** True when the file was already fenced by an attempt that stopped before recording the cutover. */
  finishedEarlierAttempt: boolean;
  ms: number;
}

/** One table's row count on both sides. */
export interface RowCount {
  table: string;
  sqliteRows: number;
  targetRows: number;
  ok: boolean;
}
