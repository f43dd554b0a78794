import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isReachableBy, serverOsUser } from '../os/os-user.js';
import { localServerHome } from './local-server-home.js';

/**
 * Where the local server's files live: `<home>/pg` (see {@link localServerHome}). When catdb
 * runs as root the server runs as the `postgres` OS user, which cannot enter a private home
 * such as /root; then the server lives in `<tmpdir>/catdb-<digest of home>/pg` instead, the
 * same folder every time for the same home. Creates nothing.
 */
export function localServerDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = localServerHome(env);
  const preferred = join(home, 'pg');
  if (isReachableBy(preferred, serverOsUser())) return preferred;
  const tag = createHash('sha256').update(home).digest('hex').slice(0, 12);
  return join(tmpdir(), `catdb-${tag}`, 'pg');
}
