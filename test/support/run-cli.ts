import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const CLI = resolve(import.meta.dirname, '../../bin/catdb');
const BUILT = resolve(import.meta.dirname, '../../packages/cli/dist/main.js');

/**
 * What a child gets from the test process unless the caller says otherwise: enough to find
 * programs, its home, locale and terminal, and the harness's passfile and catdb home. Nothing
 * else leaks in (vitest's own variables, npm's, a developer's PG* or DATABASE_URL).
 */
const PASSED_ON = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'TERM', 'NO_COLOR', 'FORCE_COLOR', 'CI', 'PGPASSFILE', 'CATDB_HOME', 'CATDB_PG_BIN', 'CATDB_PGBOUNCER_BIN'];

export interface CliOptions {
  cwd?: string;
  /** Added to (or, as `undefined`, removed from) the minimal environment. */
  env?: NodeJS.ProcessEnv;
  /** Only PATH and `env`: the way a compose file or a cron job starts catdb. */
  bareEnv?: boolean;
  /** Written to the child's stdin, which is then closed; without it stdin is /dev/null. */
  stdin?: string | Buffer;
  /** The child is killed (SIGKILL) after this long; 300 s unless given. */
  timeoutMs?: number;
}

export interface CliResult {
  /** Exit code; null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as NDJSON (--json); lines that are not JSON objects are skipped. */
  events: Record<string, unknown>[];
}

export interface CliChild {
  child: ChildProcess;
  /** Resolves on the first NDJSON event the predicate accepts (rejects if the process ends first). */
  waitForEvent(pred: (e: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  done: Promise<CliResult>;
}

/** The environment a catdb child starts with: see PASSED_ON and `bareEnv`. */
export function cliEnv(options: Pick<CliOptions, 'env' | 'bareEnv'> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  if (!options.bareEnv) for (const name of PASSED_ON) if (process.env[name] !== undefined) env[name] = process.env[name];
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function parseEvent(line: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(line) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // progress or prose
  }
}

/** Starts any program the way startCli starts catdb (a shell line as printed, a tool catdb prints a command for). */
export function startProcess(file: string, args: string[], options: CliOptions = {}): CliChild {
  const child = spawn(file, args, { cwd: options.cwd ?? process.cwd(), env: cliEnv(options), stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  const events: Record<string, unknown>[] = [];
  const waiters: { pred: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void; reject: (err: Error) => void }[] = [];
  let stdout = '';
  let stderr = '';
  let partial = '';
  const take = (line: string): void => {
    const e = parseEvent(line);
    if (!e) return;
    events.push(e);
    for (const w of [...waiters]) {
      if (!w.pred(e)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(e);
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    const lines = (partial + d).split('\n');
    partial = lines.pop()!;
    lines.forEach(take);
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
  const done = new Promise<CliResult>((res, rej) => {
    child.on('error', (err) => {
      clearTimeout(timer);
      rej(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (partial) take(partial);
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

/** Starts the built `catdb` as a child process, the way a user or a script would, parsing its NDJSON as it comes. */
export function startCli(args: string[], options: CliOptions = {}): CliChild {
  if (!existsSync(BUILT)) throw new Error('The CLI is not built: run `pnpm build` (scripts/setup.sh does) before the integration tests');
  return startProcess(process.execPath, [CLI, ...args], options);
}

/** Runs the built `catdb` to its end. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** Runs any program to its end; see startProcess. */
export function runProcess(file: string, args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startProcess(file, args, options).done;
}

/** Runs catdb until its stdout holds more than `lines` lines, then sends Ctrl-C (SIGINT), the way a user stops `--watch`. */
export function runCliUntilLines(args: string[], lines: number, options: CliOptions = {}): Promise<CliResult> {
  const run = startCli(args, options);
  let seen = '';
  run.child.stdout!.on('data', (d: string) => {
    seen += d;
    if (seen.split('\n').length > lines) run.child.kill('SIGINT');
  });
  return run.done;
}
