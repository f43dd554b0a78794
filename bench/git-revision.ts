import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The short commit a checkout is at, for the report; `unknown` when git cannot say. */
export async function gitRevision(dir: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { timeout: 10_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' } });
    return stdout.trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}
