import { CatdbError } from '../errors.js';
import { connect } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import type { OnlineEventHandler } from './online-event.js';
import { openLiveSqlite } from './open-live-sqlite.js';
import { readCapture } from './read-capture.js';
import { removeCapture } from './remove-capture.js';

/** Options of onlineAbort. */
export interface OnlineAbortOptions {
  /** The SQLite file. */
  source: string;
  /** The target; when given, its online run paired with the file (or of `schema`) is marked aborted. */
  target?: string;
  schema?: string;
  /** Also remove a fence (after a cutover): the file accepts writes again. Default false. */
  force?: boolean;
  /** Report what would be removed; change nothing. */
  dryRun?: boolean;
  busyTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: OnlineEventHandler;
}

/** What onlineAbort removed from the SQLite file and the target. */
export interface OnlineAbortResult {
  /** catdb objects dropped from the file (or that would be, with dryRun). */
  removed: { triggers: string[]; tables: string[] };
  /** Whether the file was fenced (cut over) before. */
  wasFenced: boolean;
  /** The run marked aborted in the target, if any. */
  abortedRun?: string;
  dryRun: boolean;
}

/**
 * Removes every object catdb added to the SQLite file (change capture, change log, fence) in
 * one write transaction, and marks the run aborted in the target when `target` is given.
 * The target's tables are left as they are. A fenced file (cut over) is unfenced only with
 * `force`: the application may already write to PostgreSQL.
 *
 * Errors: ONLINE_FENCED, SQLITE_*, PG_*.
 */
export async function onlineAbort(options: OnlineAbortOptions): Promise<OnlineAbortResult> {
  const live = openLiveSqlite(options.source, { readonly: false, requireWal: false, busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
  try {
    const capture = readCapture(live.db);
    const wasFenced = capture.phase === 'fenced' || capture.objects.triggers.some((t) => t.startsWith('_catdb_fence_'));
    if (wasFenced && !options.force && !options.dryRun) {
      throw new CatdbError('ONLINE_FENCED', `${options.source} was cut over to PostgreSQL${capture.fencedAt ? ` at ${capture.fencedAt}` : ''}; removing the fence would let writes into it again`, {
        hint: 'If the application really goes back to SQLite (and nothing was written to PostgreSQL since, or you carry it back yourself), run again with --force.',
        details: { file: options.source, fencedAt: capture.fencedAt },
      });
    }
    let abortedRun: string | undefined;
    if (options.target && !options.dryRun) abortedRun = await abortRun(options.target, options.schema ?? capture.targetSchema ?? 'public', capture.installId, options.signal);
    const removed = options.dryRun ? capture.objects : removeCapture(live.db, options.source);
    return { removed, wasFenced, ...(abortedRun ? { abortedRun } : {}), dryRun: Boolean(options.dryRun) };
  } finally {
    live.close();
  }
}

async function abortRun(url: string, schema: string, installId: string | undefined, signal?: AbortSignal): Promise<string | undefined> {
  const client = await connect(url, { applicationName: 'catdb online', ...(signal ? { signal } : {}) });
  try {
    const exists = await client.query<{ ok: boolean }>(`SELECT to_regclass('catdb.online_run') IS NOT NULL AS ok`);
    if (!exists.rows[0]?.ok) return undefined;
    const res = await client.query<{ run_id: string }>(
      `UPDATE catdb.online_run SET status = 'aborted', finished_at = now(), updated_at = now()
        WHERE status NOT IN ('done', 'aborted') AND CASE WHEN $1::text IS NULL THEN target_schema = $2 ELSE install_id = $1 END RETURNING run_id`,
      [installId ?? null, schema],
    );
    return res.rows[0]?.run_id;
  } catch (err) {
    throw mapPgError(err, { what: 'Marking the online migration aborted (catdb.online_run) failed' });
  } finally {
    await client.end().catch(() => {});
  }
}
