import { parsePostgresUrl } from '../pg/parse-postgres-url.js';
import { localServerStatus } from './local-server-status.js';

/**
 * True when `url` leads to catdb's local PostgreSQL as it runs now (127.0.0.1 or localhost, its
 * port), for the `embedded` flag of the `target` event. Reads its postmaster.pid; connects nowhere.
 */
export function isLocalServerUrl(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const parsed = parsePostgresUrl(url);
  if (!parsed || !['127.0.0.1', 'localhost'].includes(parsed.hostname)) return false;
  const status = localServerStatus(env);
  return status.running && String(status.port) === (parsed.port || '5432');
}
