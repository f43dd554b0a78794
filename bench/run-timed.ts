import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ProcessSample } from './bench-types.js';
import { parseTimeOutput, TIME_FORMAT } from './parse-time-output.js';

export const GNU_TIME = '/usr/bin/time';

export interface RunTimedOptions {
  /** What ran, for reports; must not contain secrets. */
  label: string;
  file: string;
  args: readonly string[];
  /** The child's whole environment (secrets never go here; passfiles do). */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Milliseconds before the child's process group is terminated. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Send the child's stdout to this file (for NDJSON or CSV); else it is discarded. */
  stdoutFile?: string;
}

export interface TimedProcess extends ProcessSample {
  /** Last lines of stderr, for the report when the child failed. */
  stderrTail: string;
  timedOut: boolean;
}

/**
 * Runs one child under GNU time (`-f '%e %M %x'`) in its own process group, so a timeout
 * or Ctrl-C can stop the child and everything it started: SIGTERM to the group, SIGKILL
 * 5 s later. Wall time comes from the harness's monotonic clock; peak RSS from GNU time.
 * Never rejects for a failing child: the exit code says it (124 on timeout, as coreutils
 * `timeout` does).
 */
export async function runTimed(options: RunTimedOptions): Promise<TimedProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'catdb-bench-time-'));
  const timeFile = join(dir, 'time');
  const out = options.stdoutFile ? openSync(options.stdoutFile, 'w') : 'ignore';
  try {
    const started = performance.now();
    const child = spawn(GNU_TIME, ['-f', TIME_FORMAT, '-o', timeFile, options.file, ...options.args], {
      cwd: options.cwd ?? process.cwd(),
      env: options.env,
      stdio: ['ignore', out, 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-8192);
    });
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stopGroup = (): void => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      killTimer ??= setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5000);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup();
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', stopGroup, { once: true });
    if (options.signal?.aborted) stopGroup();

    const closeCode = await new Promise<number>((resolve) => {
      child.on('error', (err) => {
        stderr += `\n${err.message}`;
        resolve(127);
      });
      child.on('close', (code, sig) => resolve(code ?? (sig ? 128 + signalNumber(sig) : 1)));
    });
    const wallS = (performance.now() - started) / 1000;
    clearTimeout(timer);
    if (killTimer) clearTimeout(killTimer);
    options.signal?.removeEventListener('abort', stopGroup);

    let timeText = '';
    try {
      timeText = readFileSync(timeFile, 'utf8');
    } catch {
      // GNU time was killed before writing: the close code is all there is.
    }
    const parsed = parseTimeOutput(timeText);
    const exitCode = timedOut ? 124 : (parsed?.exitCode ?? closeCode);
    return {
      label: options.label,
      wallS,
      maxRssKiB: parsed?.maxRssKiB ?? 0,
      exitCode,
      stderrTail: stderr.trim().split('\n').slice(-6).join('\n'),
      timedOut,
    };
  } finally {
    if (typeof out === 'number') closeSync(out);
    rmSync(dir, { recursive: true, force: true });
  }
}

function signalNumber(sig: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return numbers[sig] ?? 1;
}

/** The environment for bench children: ours without any password, plus the server's passfile. */
export function childEnv(passfile: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PGPASSFILE: passfile, ...extra };
  delete env.PGPASSWORD;
  return env;
}
