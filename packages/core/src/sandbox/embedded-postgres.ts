import { localServerDir } from '../local/local-server-dir.js';
import { startLocalServer } from '../local/start-local-server.js';
import type { LocalPostgres } from './start-postgres.js';

/** @deprecated Use {@link localServerDir}: the local server now lives in one per-user folder. */
export function embeddedPostgresDir(env: NodeJS.ProcessEnv = process.env): string {
  return localServerDir(env);
}

/** @deprecated Use {@link startLocalServer}. */
export function ensureEmbeddedPostgres(options: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<LocalPostgres> {
  return startLocalServer(options);
}
