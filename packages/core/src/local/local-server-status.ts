import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isServerRunning } from '../os/is-server-running.js';
import { localServerDir } from './local-server-dir.js';

/** What `catdb local status` reports; read from files only, nothing is started or connected to. */
export interface LocalServerStatus {
  /** The server's folder (data/, server.log, pgpass). */
  dir: string;
  dataDir: string;
  /** Whether initdb has run there (the folder holds a server, running or not). */
  exists: boolean;
  running: boolean;
  /** The postmaster's process id while running. */
  pid: number | undefined;
  /** Its TCP port on 127.0.0.1 while running. */
  port: number | undefined;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` while running; the password is in `passfile`. */
  url: string | undefined;
  /** libpq passfile (0600) with the superuser's password. */
  passfile: string;
}

/**
 * The state of catdb's local PostgreSQL (see {@link localServerDir} for where it lives),
 * from its postmaster.pid. Side effects: none.
 */
export function localServerStatus(env: NodeJS.ProcessEnv = process.env): LocalServerStatus {
  const dir = localServerDir(env);
  const dataDir = join(dir, 'data');
  const exists = existsSync(join(dataDir, 'PG_VERSION'));
  const running = exists && isServerRunning(dataDir);
  let pid: number | undefined;
  let port: number | undefined;
  if (running) {
    // Lines 1 and 4 of postmaster.pid: pid and port (src/include/utils/pidfile.h).
    const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    pid = Number(lines[0]) || undefined;
    port = Number(lines[3]) || undefined;
  }
  return { dir, dataDir, exists, running, pid, port, url: port ? `postgres://postgres@127.0.0.1:${port}/postgres` : undefined, passfile: join(dir, 'pgpass') };
}
