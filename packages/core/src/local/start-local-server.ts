import { startLocalPostgres, type LocalPostgres } from './start-postgres.js';
import { localServerDir } from './local-server-dir.js';

/**
 * Starts catdb's local PostgreSQL (initdb on first use), or finds it running; see
 * {@link localServerDir} for where and {@link startLocalPostgres} for side effects and errors.
 * `result.started` tells whether this call started it.
 */
export function startLocalServer(options: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<LocalPostgres> {
  return startLocalPostgres({ dir: localServerDir(options.env), ...(options.signal ? { signal: options.signal } : {}) });
}
