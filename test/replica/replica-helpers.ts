import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type PgClient } from '../../packages/core/src/pg/connect.js';
import { preparePrimary } from '../../packages/core/src/replica/prepare-primary.js';
import { startLocalPostgres, type LocalPostgres } from '../../packages/core/src/local/start-postgres.js';

export interface TestPrimary {
  base: string;
  server: LocalPostgres;
  /** Superuser URL naming its passfile (no PGPASSFILE needed). */
  url: string;
  passwordFile: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  cleanup(): Promise<void>;
}

/** A fresh primary under os.tmpdir() on a free port, prepared for replication; `settings` adds to or overrides the defaults. */
export async function startTestPrimary(prefix: string, settings: Record<string, string | number | boolean> = {}): Promise<TestPrimary> {
  const base = mkdtempSync(join(tmpdir(), `catdb-${prefix}-`));
  chmodSync(base, 0o755);
  const server = await startLocalPostgres({
    dir: join(base, 'primary'),
    settings: { fsync: false, synchronous_commit: false, wal_level: 'replica', max_wal_senders: 10, max_replication_slots: 10, wal_sender_timeout: '10s', ...settings },
  });
  const url = `${server.url}?passfile=${server.passfile}`;
  const passwordFile = join(base, 'secrets', 'replicator.password');
  await preparePrimary({ primaryUrl: url, passwordFile });
  let client: PgClient | undefined;
  const query = async <T,>(sql: string, params: unknown[] = []): Promise<T[]> => {
    client ??= await connect(url);
    return (await client.query(sql, params)).rows as T[];
  };
  return {
    base,
    server,
    url,
    passwordFile,
    query,
    cleanup: async () => {
      await client?.end().catch(() => {});
      await server.stop().catch(() => {});
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Runs a query on another server (a standby) through its URL. */
export async function queryUrl<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = await connect(url);
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Polls `probe` every 200 ms until it returns a value, at most `ms`; fails loudly otherwise. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** Every regular file under `dir` (following no symlinks). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** Files under `dirs` whose bytes contain `secret`. */
export function filesHolding(dirs: string[], secret: string): string[] {
  const needle = Buffer.from(secret);
  return dirs.flatMap(listFiles).filter((f) => {
    try {
      return readFileSync(f).includes(needle);
    } catch {
      return false;
    }
  });
}

export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

export interface ProcSample {
  /** Processes seen (pid → first cmdline seen). */
  seen: Map<number, string>;
  /** "pid cmdline: argv|environ" for every process whose argv or environment held the secret. */
  leaks: string[];
}

/**
 * Samples /proc/<pid>/cmdline and /proc/<pid>/environ of every process every few ms until
 * stopped, recording any that hold `secret`. Covers catdb itself and all its children
 * (pg_basebackup, pg_ctl, postgres) without having to track the process tree.
 */
export function sampleProcesses(secret: string): { stop(): Promise<ProcSample> } {
  const sample: ProcSample = { seen: new Map(), leaks: [] };
  const needle = Buffer.from(secret);
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        const pid = Number(name);
        try {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`);
          // Kept current (a child first seen between fork and exec still shows its parent's command
          // line), but never blanked: a process that has exited and not yet been reaped reads as empty.
          const text = cmdline.toString().replaceAll('\0', ' ').trim();
          if (text) sample.seen.set(pid, text);
          if (cmdline.includes(needle)) sample.leaks.push(`${pid} ${sample.seen.get(pid)}: argv`);
          if (readFileSync(`/proc/${pid}/environ`).includes(needle)) sample.leaks.push(`${pid} ${sample.seen.get(pid)}: environ`);
        } catch {
          // The process ended between readdir and read.
        }
      }
      await sleep(5);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return sample;
    },
  };
}

/** Runs the built CLI (`node bin/catdb …`) and returns its exit code and output. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/catdb'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
