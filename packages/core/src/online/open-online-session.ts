import type pg from 'pg';
import { connect } from '../pg/connect.js';
import { prepareSession } from '../pg/prepare-session.js';
import { ensureOnlineTables } from './ensure-online-tables.js';
import { openLiveSqlite, type LiveSqlite } from './open-live-sqlite.js';
import type { OnlineTarget } from './online-options.js';

/** The connections an online command works with; `close` ends them all (and with them the applier lease). */
export interface OnlineSession {
  /** Reads the change log and rows (read-only). */
  reader: LiveSqlite;
  /** Installs, trims, locks and fences (catdb's own objects only). */
  writer: LiveSqlite;
  /** Holds the applier lease and reads and writes the run's state. */
  control: pg.Client;
  /** Applies rounds and runs the cutover's checks. */
  apply: pg.Client;
  close(): Promise<void>;
}

/**
 * Opens both SQLite connections (refusing a file not in WAL mode) and two target sessions
 * with catdb's settings; makes sure `catdb.online_run` exists. Statements time out (a
 * minute on the control session, ten on the applying one), so a stuck server cannot hang a
 * follower silently.
 */
export async function openOnlineSession(o: OnlineTarget): Promise<OnlineSession> {
  const opened: { close(): unknown }[] = [];
  const close = async (): Promise<void> => {
    for (const c of opened.reverse()) await Promise.resolve(c.close()).catch(() => {});
  };
  try {
    const writer = openLiveSqlite(o.source, { readonly: false, busyTimeoutMs: o.busyTimeoutMs ?? 5000 });
    opened.push(writer);
    const reader = openLiveSqlite(o.source, { readonly: true, busyTimeoutMs: o.busyTimeoutMs ?? 5000 });
    opened.push(reader);
    const pgClient = async (settings: Record<string, string>): Promise<pg.Client> => {
      const client = await connect(o.target, { applicationName: 'catdb online', ...(o.signal ? { signal: o.signal } : {}) });
      opened.push({ close: () => client.end() });
      await prepareSession(client, settings);
      return client;
    };
    const control = await pgClient({ statement_timeout: '60s' });
    const apply = await pgClient({ statement_timeout: '10min', idle_in_transaction_session_timeout: '10min' });
    await ensureOnlineTables(control);
    return { reader, writer, control, apply, close };
  } catch (err) {
    await close();
    throw err;
  }
}
