import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const CLI = resolve(import.meta.dirname, '../../bin/catdb');
const BUILT = resolve(import.meta.dirname, '../../packages/cli/dist/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as NDJSON (lines that are not JSON are skipped). */
  events: Record<string, unknown>[];
}

/** Runs the built `catdb` as a child process, the way a user or a script would. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  if (!existsSync(BUILT)) throw new Error('The CLI is not built: run `pnpm build` (scripts/setup.sh does) before the integration tests');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? process.cwd(), env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const events: Record<string, unknown>[] = [];
      for (const line of stdout.split('\n')) {
        try {
          const v = JSON.parse(line) as unknown;
          if (v && typeof v === 'object') events.push(v as Record<string, unknown>);
        } catch {
          // progress or prose
        }
      }
      resolvePromise({ code, stdout, stderr, events });
    });
  });
}
