import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** One line of the writer's log (see app-writer.ts). */
export interface WriterLine {
  ok: boolean;
  op?: string;
  /** Start of the write (epoch ms) and how long it took, busy waiting included. */
  t0: number;
  ms: number;
  error?: string;
  effects?: { table: string; key: string; row: Record<string, unknown> | null }[];
}

export interface WriterRun {
  child: ChildProcess;
  /** Stops it (SIGTERM: it finishes the write under way) and returns its log. */
  stop(): Promise<WriterLine[]>;
  /** The log so far. */
  lines(): WriterLine[];
}

/** Starts app-writer.ts against `file` at `rate` writes per second; resolves once it writes. */
export async function startWriter(file: string, log: string, rate: number, seed = 1): Promise<WriterRun> {
  const child = spawn(process.execPath, [TSX, join(import.meta.dirname, 'app-writer.ts'), file, log, String(rate), String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before it started`)));
    child.stdout!.once('data', () => resolve());
  });
  const lines = (): WriterLine[] => {
    let text = '';
    try {
      text = readFileSync(log, 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as WriterLine);
  };
  return {
    child,
    lines,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      return lines();
    },
  };
}

/** The last row each committed write left, by `table key`: what the target must hold. */
export function expectedRows(lines: readonly WriterLine[]): Map<string, { table: string; key: unknown[]; row: Record<string, unknown> | null }> {
  const out = new Map<string, { table: string; key: unknown[]; row: Record<string, unknown> | null }>();
  for (const l of lines) if (l.ok) for (const e of l.effects ?? []) out.set(`${e.table} ${e.key}`, { table: e.table, key: JSON.parse(e.key) as unknown[], row: e.row });
  return out;
}
