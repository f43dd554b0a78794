import { parsePostgresUrl } from '../pg/parse-postgres-url.js';
import { localServerStatus, type LocalServerStatus } from './local-server-status.js';

/**
 * True when `url` leads to catdb's local PostgreSQL as it runs now (127.0.0.1 or localhost, its
 * port), for the `embedded` flag of the `target` event. Reads its postmaster.pid; connects nowhere.
 */
export function isLocalServerUrl(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return localServerAt(url, env) !== undefined;
}

/** The status of catdb's local server when `url` leads to it as it runs now, else undefined. */
export function localServerAt(url: string, env: NodeJS.ProcessEnv = process.env): LocalServerStatus | undefined {
  const parsed = parsePostgresUrl(url);
  if (!parsed || !['127.0.0.1', 'localhost'].includes(parsed.hostname)) return undefined;
  const status = localServerStatus(env);
  return status.running && String(status.port) === (parsed.port || '5432') ? status : undefined;
}
