import { join } from 'node:path';
import type { OsUser } from '../sandbox/os-user.js';
import { runCommand } from '../sandbox/run-command.js';

/** `pg_ctl start -w` on a standby data directory, as the server OS user when root. */
export async function startStandbyServer(binDir: string, dataDir: string, logFile: string, osUser: OsUser | undefined, signal?: AbortSignal): Promise<void> {
  await runCommand(join(binDir, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-w', '-t', '120', 'start'], { user: osUser, cwd: '/', signal });
}

/** `pg_ctl stop` (fast by default: sessions end, nothing is lost). */
export async function stopStandbyServer(binDir: string, dataDir: string, osUser: OsUser | undefined, mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
  await runCommand(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop'], { user: osUser, cwd: '/' });
}
