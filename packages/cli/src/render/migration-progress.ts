import type { MigrationEvent } from '@catdb/core';
import { progressIntervalMs } from './progress-interval.js';
import { progressLines } from './progress-lines.js';
import { renderMigrationProgress } from './render-migration-progress.js';

export interface MigrationProgress {
  onEvent(e: MigrationEvent): void;
  fail(err: unknown): void;
  /** Settles when the display is done (a task list waits for its last step). */
  finish(): Promise<void>;
}

/**
 * The progress display of a migration: a task list that redraws itself on a terminal, plain
 * lines anywhere else (CI, pipes, `--verbose`), where a redrawn list would print nothing
 * until the end.
 */
export function migrationProgress(options: { verify: boolean; lines: boolean }): MigrationProgress {
  if (!options.lines) return renderMigrationProgress({ verify: options.verify });
  const lines = progressLines({ write: (line) => void process.stderr.write(line + '\n'), intervalMs: progressIntervalMs() });
  return {
    onEvent: lines.onEvent,
    fail: () => lines.stop(),
    finish: async () => undefined,
  };
}

/** Whether progress goes as plain lines: stderr is no terminal, or the user asked for every line. */
export function wantsProgressLines(verbose: boolean | undefined): boolean {
  return Boolean(verbose) || !process.stderr.isTTY;
}
