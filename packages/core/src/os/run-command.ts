import { spawn } from 'node:child_process';
import { CatdbError } from '../errors.js';
import { childEnv } from './child-env.js';
import type { OsUser } from './os-user.js';

export interface RunCommandOptions {
  /** Run as this OS user (set when catdb runs as root). */
  user?: OsUser | undefined;
  cwd?: string;
  /** A passfile catdb wrote, for a libpq client that takes no `passfile=` (PGPASSFILE). */
  passfile?: string;
  signal?: AbortSignal | undefined;
  /** Milliseconds before the child is killed. */
  timeoutMs?: number;
  /** Written to the child's stdin, then closed. */
  input?: string;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs a server-side binary (initdb, pg_ctl, pg_basebackup, pgbouncer) without a shell,
 * so no argument is ever re-parsed, in the environment {@link childEnv} builds (nothing of
 * ours is passed on), and rejects with the tail of its stderr.
 */
export function runCommand(file: string, args: readonly string[], options: RunCommandOptions = {}): Promise<CommandResult> {
  const { user, signal } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], {
      cwd: options.cwd ?? '/',
      env: childEnv({ user, passfile: options.passfile }),
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new CatdbError('SANDBOX_START_FAILED', `Could not run ${file}: ${err.message}`, { cause: err, details: { file } }));
    });
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) {
        reject(new CatdbError('ABORTED', `${file} was stopped: operation aborted`, { details: { file } }));
      } else if (code === 0) {
        resolve({ stdout, stderr });
      } else {
        const tail = stderr.trim().split('\n').slice(-8).join('\n');
        const err = new CatdbError('SANDBOX_START_FAILED', `${file.split('/').pop()} exited with ${code ?? sig}: ${tail}`, {
          details: { file, args: [...args], exitCode: code, stderr: tail },
        });
        reject(err);
      }
    });
  });
}
