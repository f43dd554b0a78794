import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runProcess, type CliOptions, type CliResult } from './run-cli.js';

/**
 * Runs a command line the way a user pastes what catdb printed into a shell: `/bin/sh -c`,
 * with a `catdb` on PATH that runs this checkout's build (a wrapper in `<dir>/bin`). 60 s at most
 * unless `timeoutMs` says otherwise.
 */
export function runAsPrinted(line: string, dir: string, options: CliOptions = {}): Promise<CliResult> {
  const bin = join(dir, 'bin');
  if (!existsSync(bin)) {
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'catdb'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`, { mode: 0o755 });
  }
  const path = `${bin}:${options.env?.PATH ?? process.env.PATH ?? '/usr/bin:/bin'}`;
  return runProcess('/bin/sh', ['-c', line], { timeoutMs: 60_000, ...options, env: { ...options.env, PATH: path } });
}
