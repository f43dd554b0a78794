import { localServerDir } from './local-server-dir.js';
import { startLocalServer } from './start-local-server.js';
import type { LocalPostgres } from './start-postgres.js';

/**
 * The folder of catdb's local PostgreSQL, the same as {@link localServerDir}.
 * @deprecated Use localServerDir: the local server now lives in one per-user folder, not under the current one.
 */
export function embeddedPostgresDir(env: NodeJS.ProcessEnv = process.env): string {
  return localServerDir(env);
}

/**
 * Starts catdb's local PostgreSQL or finds it running, the same as {@link startLocalServer}.
 * @deprecated Use startLocalServer.
 */
export function ensureEmbeddedPostgres(options: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<LocalPostgres> {
  return startLocalServer(options);
}
