import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError, throwIfAborted } from '../errors.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';

/**
 * BEGIN IMMEDIATE on catdb's own connection: from then on the application's writers wait
 * on their busy timeout (readers go on, it is WAL). Tried in short attempts so that Ctrl-C
 * is heard while the application finishes its current write transaction; gives up after
 * `timeoutMs` having changed nothing.
 *
 * Errors: SQLITE_LOCKED, ABORTED.
 */
export async function takeWriteLock(db: SqliteDatabase, file: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  db.pragma('busy_timeout = 50');
  for (;;) {
    throwIfAborted(signal);
    try {
      db.exec('BEGIN IMMEDIATE');
      return;
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY')) throw err;
      if (performance.now() > deadline) {
        throw new CatdbError('SQLITE_LOCKED', `The application held the write lock of ${file} for more than ${Math.round(timeoutMs / 1000)} s; the cutover did not start`, {
          hint: 'A long write transaction is running. Try again, or allow a longer wait with --lock-timeout.',
          details: { file, timeoutMs },
          cause: err,
        });
      }
    }
    await sleep(5, undefined, signal ? { signal } : undefined).catch(() => throwIfAborted(signal));
  }
}
