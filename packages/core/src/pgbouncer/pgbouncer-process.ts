import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGBOUNCER_FILES } from './types.js';

/**
 * The pid of the PgBouncer running from `dir`: the pidfile names a live process whose
 * command line is pgbouncer with this folder's ini. A stale pidfile, or a pid reused by
 * another program, gives undefined.
 */
export function runningPgbouncerPid(dir: string): number | undefined {
  const pidfile = join(dir, PGBOUNCER_FILES.pid);
  if (!existsSync(pidfile)) return undefined;
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (!argv.some((a) => a.endsWith('pgbouncer')) || !argv.includes(join(dir, PGBOUNCER_FILES.ini))) return undefined;
  } catch {
    // No /proc (not Linux): trust the live pid from our own pidfile.
  }
  return pid;
}

