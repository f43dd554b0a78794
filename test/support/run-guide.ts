import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guideSteps, renderGuideScript, type GuideStep } from './guide-script.js';

const root = join(import.meta.dirname, '../..');

export interface GuideRun {
  /** The scratch folder (delete it afterwards); `home` is inside it. */
  base: string;
  home: string;
  steps: GuideStep[];
  code: number | null;
  stdout: string;
  stderr: string;
  /** Numbers of the commands that ran to the end with status 0. */
  passed: number[];
}

/**
 * Runs the guide's runnable blocks as written with bash, from the root of this checkout, with
 * HOME set to an empty scratch folder and none of the caller's catdb, libpq or npm settings
 * (CATDB_HOME, XDG_DATA_HOME, DATABASE_URL, PG*, npm_*), the way a new user's shell would.
 * Commands for which `leaveOut` is true are dropped; the caller must account for them.
 * The scratch folder is traversable (0755): as root the local server runs as the postgres OS user.
 */
export function runGuide(guide: string, options: { leaveOut?: (command: string) => boolean; timeoutMs: number }): Promise<GuideRun> {
  const all = guideSteps(readFileSync(join(root, guide), 'utf8'));
  const steps = all.filter((s) => s.kind === 'file' || !options.leaveOut?.(s.command));
  const base = mkdtempSync(join(tmpdir(), 'catdb-guide-'));
  chmodSync(base, 0o755);
  const home = join(base, 'home');
  mkdirSync(home, { mode: 0o755 });
  const script = join(base, 'guide.sh');
  writeFileSync(script, renderGuideScript(steps));

  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|PG|CATDB_|XDG_|DATABASE_URL$)/i.test(k)) continue;
    env[k] = v;
  }
  Object.assign(env, { HOME: home, CI: 'true' });

  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const passed = [...stdout.matchAll(/^::guide-ok (\d+)$/gm)].map((m) => Number(m[1]));
      resolve({ base, home, steps, code, stdout, stderr, passed });
    });
  });
}

/** Live postmasters whose command line names a folder under `dir` (`postgres -D <dir>/…`). */
export function postmastersUnder(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const d = argv.indexOf('-D');
      if (d >= 0 && argv[d + 1]?.startsWith(`${dir}/`)) found.push(`${pid} ${argv.join(' ').trim()}`);
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

/** Folders under `dir` that hold a catdb local server (`data/PG_VERSION` and `pgpass`), npm's trees aside. */
export function serverDirsUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return; // a server's data folder (0700, postgres OS user) is not ours to read
    }
    if (names.includes('pgpass') && names.includes('data')) {
      found.push(d);
      return;
    }
    if (depth === 0) return;
    for (const n of names) if (n !== 'node_modules' && n !== '.npm') walk(join(d, n), depth - 1);
  };
  walk(dir, 6);
  return found.filter((d) => {
    try {
      return readdirSync(join(d, 'data')).includes('PG_VERSION');
    } catch {
      return true; // as root every folder is readable; otherwise the pgpass next to data is enough
    }
  });
}

/** What `command` printed on stdout in the run (between its step and ok marks); throws when it did not pass. */
export function outputOf(run: GuideRun, command: string): string {
  const n = run.steps.findIndex((s) => s.kind === 'run' && s.command === command);
  const start = run.stdout.indexOf(`::guide-step ${n} ${command}\n`);
  const end = run.stdout.indexOf(`\n::guide-ok ${n}\n`, start);
  if (n < 0 || start < 0 || end < 0) throw new Error(`\`${command}\` did not run to the end in the guide`);
  return run.stdout.slice(run.stdout.indexOf('\n', start) + 1, end);
}
