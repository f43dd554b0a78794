import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** True when a postmaster runs on this data directory (postmaster.pid with a live pid). */
export function isServerRunning(dataDir: string): boolean {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
