import { RenderPool } from './render-pool.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { MigrateOptions } from '../migrate/migrate-options.js';

/** Above this many rows a table is worth a worker thread, and its profile is a lean one. */
export const LEAN_PROFILE_ROWS = 100_000;

/**
 * Worker threads for big tables (profiling, rendering, checksums) in a rollback-journal
 * database; see RenderPool. Undefined where they would not pay or not be safe: no table
 * above LEAN_PROFILE_ROWS, one connection only, the value-by-value path, or WAL mode.
 */
export async function openRenderPool(db: SqliteDatabase, options: Pick<MigrateOptions, 'source' | 'fastPath' | 'onError' | 'signal'>, size: number, rowCounts: readonly number[]): Promise<RenderPool | undefined> {
  if (options.fastPath === false || options.onError === 'skip-row' || size < 2) return undefined;
  if (!rowCounts.some((n) => n > LEAN_PROFILE_ROWS)) return undefined;
  // In WAL mode writers keep committing while we read; only the main connection's snapshot is certain.
  const mode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
  if (mode === 'wal') return undefined;
  return RenderPool.open(options.source, size, options.signal);
}
