import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isReachableBy, serverOsUser } from '../os/os-user.js';
import { startLocalPostgres, type LocalPostgres } from './start-postgres.js';

/**
 * Where the embedded default server lives: `<cwd>/.catdb/pg`, or a folder under the
 * temp dir (named after the project path, so it is reused) when the server's OS user
 * could not reach the project folder.
 */
export function embeddedPostgresDir(cwd = process.cwd()): string {
  const preferred = join(resolve(cwd), '.catdb', 'pg');
  if (isReachableBy(preferred, serverOsUser())) return preferred;
  const tag = createHash('sha256').update(resolve(cwd)).digest('hex').slice(0, 12);
  return join(tmpdir(), `catdb-${tag}`, 'pg');
}

/**
 * The local PostgreSQL that catdb uses when no target URL is given: started on first
 * use, reused afterwards. See {@link startLocalPostgres} for side effects.
 */
export function ensureEmbeddedPostgres(options: { cwd?: string; signal?: AbortSignal } = {}): Promise<LocalPostgres> {
  return startLocalPostgres({ dir: embeddedPostgresDir(options.cwd), ...(options.signal ? { signal: options.signal } : {}) });
}
