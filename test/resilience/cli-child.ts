import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const CLI = resolve(import.meta.dirname, '../../bin/catdb');
const BUILT = resolve(import.meta.dirname, '../../packages/cli/dist/main.js');

export interface ChildRun {
  child: ChildProcess;
  /** Resolves on the first NDJSON event the predicate accepts (rejects if the process ends first). */
  waitForEvent(pred: (e: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Exit code (null when killed) and signal, with everything printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; events: Record<string, unknown>[] }>;
}

/** Starts the built CLI as a child process with --json output parsed line by line. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildRun {
  if (!existsSync(BUILT)) throw new Error('The CLI is not built: run `npx tsc -b` first');
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Record<string, unknown>[] = [];
  const waiters: { pred: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void; reject: (err: Error) => void }[] = [];
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    partial += d;
    const lines = partial.split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      let e: Record<string, unknown>;
      try {
        e = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      events.push(e);
      for (const w of [...waiters]) {
        if (w.pred(e)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(e);
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; events: Record<string, unknown>[] }>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code, signal) => {
      for (const w of waiters) w.reject(new Error(`catdb exited (${code ?? signal}) before the awaited event; stderr: ${stderr}`));
      res({ code, signal, stdout, stderr, events });
    });
  });
  return {
    child,
    done,
    waitForEvent: (pred) => {
      const seen = events.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((res, rej) => waiters.push({ pred, resolve: res, reject: rej }));
    },
  };
}

/** Runs the CLI to completion. */
export function runCliJson(args: string[], env: NodeJS.ProcessEnv = {}): ChildRun['done'] {
  return startCli(args, env).done;
}
