import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandTree, flattenTree } from '../../packages/cli/src/render/command-tree.js';
import { buildProgram } from '../../packages/cli/src/program.js';

// The built CLI as users run it: help on every command, usage exit codes, completion scripts.

const root = join(import.meta.dirname, '../..');
const main = join(root, 'packages/cli/dist/main.js');
const tree = commandTree(buildProgram('0.0.0'));
const commands = flattenTree(tree);
const paths = commands.map((c) => c.path);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function catdb(args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [main, ...args], { cwd: root, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(() => {
  if (!existsSync(main)) throw new Error('catdb is not built: run `npx tsc -b` first');
});

describe('every command documents itself', () => {
  it.each(commands.map((c) => [c.path.join(' ') || '(program)', c] as const))('%s has a description, and each argument and option a help text', (_, c) => {
    expect(c.description.trim()).not.toBe('');
    for (const a of c.arguments) expect(a.description.trim(), `argument ${a.name}`).not.toBe('');
    for (const o of c.options) expect(o.description.trim(), `option ${o.flags}`).not.toBe('');
  });

  it.each(paths.map((p) => [p.join(' ') || '(program)', p] as const))('catdb %s --help exits 0 and shows usage', async (_, path) => {
    const r = await catdb([...path, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: catdb${path.length ? ` ${path.join(' ')}` : ''}`);
  });

  it('catdb --version prints the CLI package version', async () => {
    const r = await catdb(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('usage errors', () => {
  it.each([
    [['nope'], 2],
    [['migrate', 'sqlite-to-pg'], 2],
    [['migrate', 'verify', 'x.sqlite', '--bogus'], 2],
    [['sandbox', 'up', '--replicas', 'many'], 2],
    [['completion', 'powershell'], 2],
    // The checks are usage errors like any command, unless run as a Nagios plugin…
    [['replica', 'lag'], 2],
    [['replica', 'lag', '--primary', 'postgres://127.0.0.1:1/x', '--bogus'], 2],
    [['pgbouncer', 'check', '--bogus'], 2],
    [['pgbouncer', 'check', '--instances', 'x'], 2],
    // …which answers UNKNOWN (3) to bad arguments, never CRITICAL (2).
    [['replica', 'lag', '--nagios'], 3],
    [['replica', 'lag', '--primary', 'postgres://127.0.0.1:1/x', '--bogus', '--nagios'], 3],
    [['pgbouncer', 'check', '--bogus', '--nagios'], 3],
    [['pgbouncer', 'check', '--instances', 'x', '--nagios'], 3],
  ] as const)('catdb %j exits %i', async (args, code) => {
    const r = await catdb([...args]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(/error/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('shell completion', () => {
  let bashScript: string;
  beforeAll(async () => {
    const r = await catdb(['completion', 'bash']);
    expect(r.code).toBe(0);
    bashScript = r.stdout;
  });

  /** What bash offers after `line` (the cursor at its end), by calling the generated function. */
  async function complete(line: string): Promise<string[]> {
    const words = line.split(' ');
    const program = `${bashScript}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_catdb_completion
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const { stdout } = await promisify(execFile)('bash', ['--norc', '--noprofile', '-c', program], { timeout: 10_000 });
    return stdout.split('\n').filter(Boolean);
  }

  it.each([
    ['catdb ', ['completion', 'local', 'migrate', 'pgbouncer', 'replica', 'sandbox']],
    ['catdb rep', ['replica']],
    ['catdb replica ', ['follow', 'init', 'lag', 'prepare-primary', 'promote', 'rejoin', 'remove', 'status']],
    ['catdb migrate sqlite-to-pg --if-exists ', ['drop', 'error']],
    ['catdb migrate sqlite-to-pg chinook.sqlite --on-error s', ['skip-row', 'stop']],
    ['catdb replica lag --primary postgres://x --n', ['--nagios']],
    ['catdb completion ', ['bash', 'fish', 'zsh']],
    // An option value or a file argument: nothing from us, bash falls back to file names.
    ['catdb migrate sqlite-to-pg --to ', []],
    ['catdb migrate sqlite-to-pg ', []],
  ] as const)('bash: %j offers %j', async (line, expected) => {
    expect((await complete(line)).sort()).toEqual([...expected].sort());
  });

  it('bash: offers every subcommand of every group and every long option of every command', async () => {
    for (const c of commands) {
      const offered = await complete(['catdb', ...c.path, c.commands.length ? '' : '--'].join(' '));
      if (c.commands.length) expect(offered.sort(), c.path.join(' ')).toEqual(c.commands.map((s) => s.name).sort());
      else expect(offered.sort(), c.path.join(' ')).toEqual(c.options.map((o) => o.long!).sort());
    }
  });

  it.each([
    ['zsh', ['-n']],
    ['fish', ['--no-execute']],
  ] as const)('%s: the script parses', async (shell, check) => {
    const r = await catdb(['completion', shell]);
    expect(r.code).toBe(0);
    for (const c of commands.filter((x) => x.path.length)) expect(r.stdout).toContain(`'${c.path.join(' ')}'`);
    const available = await promisify(execFile)('sh', ['-c', `command -v ${shell}`]).then(() => true, () => false);
    if (!available) return; // the content checks above still ran; the syntax check needs the shell
    const { stdout } = await promisify(execFile)('sh', ['-c', `printf '%s' "$0" | ${shell} ${check.join(' ')}`, r.stdout]).catch((err: Error) => {
      throw new Error(`${shell} rejected the script: ${err.message}`);
    });
    expect(stdout).toBe('');
    if (shell === 'fish') {
      const probe = `source (printf '%s' $argv[1] | psub); complete -C'catdb migrate sqlite-to-pg --if-exists '; complete -C'catdb replica lag --na'`;
      const { stdout: offered } = await promisify(execFile)('fish', ['--no-config', '-c', probe, r.stdout]);
      expect(offered.split('\n').filter(Boolean).map((l) => l.split('\t')[0])).toEqual(['drop', 'error', '--nagios']);
    }
  });
});
