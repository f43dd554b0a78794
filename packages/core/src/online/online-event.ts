import type { MigrationEvent } from '../migrate/migration-event.js';

/** The phases of an online migration. */
export type OnlinePhase = 'capture' | 'copy' | 'follow' | 'cutover';

/**
 * Progress of an online migration and of a cutover, reported through `onEvent`: the copy's
 * own MigrationEvents, then these.
 */
export type OnlineEvent =
  | MigrationEvent
  | { type: 'online-phase'; phase: OnlinePhase; runId: string }
  /** Change capture was installed in the SQLite file now, or found from an earlier run of the same migration. */
  | { type: 'online-capture'; action: 'installed' | 'found'; installId: string; tables: number; triggers: number }
  /**
   * About once a second while following. `appliedChanges`: log entries this process applied.
   * `changesPerSecond`: entries the follower applies per second of work (its capacity, not the
   * application's write rate; null until a round was big enough to measure). `caughtUp`: no
   * pending change is older than a second.
   */
  | { type: 'online-lag'; pendingChanges: number; lagSeconds: number; appliedChanges: number; changesPerSecond: number | null; caughtUp: boolean }
  /** A round met a foreign key or unique conflict; it is retried with more of the log (`limit` null: all of it). */
  | { type: 'online-retry'; reason: string; limit: number | null }
  /** The follower gave the applier lease to a cutover, took it back (the cutover did not happen), or saw the cutover done. */
  | { type: 'online-handover'; status: 'released' | 'resumed' | 'cut-over'; reason?: string }
  /** Before locking: what is left to drain and what the pause is expected to be. */
  | { type: 'cutover-estimate'; pendingChanges: number; changesPerSecond: number; estimatedPauseMs: number; maxPauseMs: number }
  /** SQLite's write lock: taken (writers wait) and released; `pauseMs` is the time between. */
  | { type: 'write-lock'; status: 'acquired' | 'released'; pauseMs?: number; fenced?: boolean }
  /** A row count compared at cutover (`--verify changed`): SQLite under the lock against the target. */
  | { type: 'cutover-count'; table: string; sqliteRows: number; targetRows: number; ok: boolean }
  /** The capture triggers were replaced by the fence; writes to these tables now fail with `message`. */
  | { type: 'fenced'; tables: number; message: string };

/** Receives every OnlineEvent of an online migration or cutover, in order. */
export type OnlineEventHandler = (event: OnlineEvent) => void;
