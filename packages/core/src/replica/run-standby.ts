import { join } from 'node:path';
import type { OsUser } from '../os/os-user.js';
import { runCommand } from '../os/run-command.js';
import { startPostmaster } from '../os/start-postmaster.js';

/** Starts the standby in `dataDir` and waits until it can be reached, as the server OS user when root (see startPostmaster). */
export async function startStandbyServer(binDir: string, dataDir: string, logFile: string, osUser: OsUser | undefined, signal?: AbortSignal): Promise<void> {
  await startPostmaster({ binDir, dataDir, logFile, osUser, timeoutMs: 120_000, signal });
}

/** `pg_ctl stop` (fast by default: sessions end, nothing is lost). */
export async function stopStandbyServer(binDir: string, dataDir: string, osUser: OsUser | undefined, mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
  await runCommand(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop'], { user: osUser, cwd: '/' });
}
