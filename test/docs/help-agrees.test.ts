import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandTree, flattenTree, type CommandNode } from '../../packages/cli/src/render/command-tree.js';
import { ROOT } from '../../scripts/docs/generate-docs.js';

// `--help` of the built CLI, docs/reference.md and the man page docs/catdb.1 say the same
// things: the pages are generated from the sources, the CLI is built from them, and a stale
// build or page fails here (run `pnpm docs`).

const built = join(ROOT, 'packages/cli/dist/program.js');
let program: Command;
let nodes: CommandNode[];
const reference = readFileSync(join(ROOT, 'docs/reference.md'), 'utf8');
const manPage = existsSync(join(ROOT, 'docs/catdb.1')) ? readFileSync(join(ROOT, 'docs/catdb.1'), 'utf8') : '';
/** The man page as text: roff's escapes for `-` and `\` undone. */
const manText = manPage.replaceAll('\\-', '-').replaceAll('\\e', '\\').replaceAll('\\&', '');

beforeAll(async () => {
  if (!existsSync(built)) throw new Error('The CLI is not built: run `pnpm build` first');
  const { buildProgram } = (await import(built)) as { buildProgram(version: string): Command };
  program = buildProgram('0.0.0');
  nodes = flattenTree(commandTree(program));
});

/** What `catdb <path> --help` prints, without running a process. */
function helpOf(path: string[]): string {
  let command = program;
  for (const name of path) command = command.commands.find((c) => c.name() === name)!;
  let text = '';
  command.configureOutput({ writeOut: (s) => (text += s) });
  command.outputHelp();
  return text;
}

describe('--help, docs/reference.md and docs/catdb.1 agree', () => {
  it('the man page exists and lists every command', () => {
    expect(manPage, 'docs/catdb.1 is missing: run `pnpm docs`').toContain('.TH CATDB 1');
    for (const c of nodes.filter((n) => n.path.length)) expect(manText, c.path.join(' ')).toContain(`.SS "catdb ${c.path.join(' ')}"`);
  });

  it('both document the environment, NO_COLOR included', () => {
    for (const page of [reference, manText]) for (const name of ['NO_COLOR', 'DATABASE_URL', 'PGPASSFILE']) expect(page).toContain(name);
  });

  it('every command has an Examples section, in --help, the reference and the man page', () => {
    for (const c of nodes) {
      const help = helpOf(c.path);
      const name = ['catdb', ...c.path].join(' ');
      expect(help, name).toMatch(/\nExamples:\n {2}\S/);
      const examples = help.slice(help.indexOf('\nExamples:\n') + 11).split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());
      expect(examples.length, name).toBeGreaterThan(0);
      for (const e of examples) {
        expect(reference, `${name}: reference.md lacks ${e}`).toContain(e);
        expect(manText, `${name}: catdb.1 lacks ${e}`).toContain(e);
      }
    }
  });

  it('the examples use only options their command takes', () => {
    for (const c of nodes) {
      const help = helpOf(c.path);
      const examples = help.slice(help.indexOf('\nExamples:\n')).split('\n').filter((l) => l.startsWith('  catdb '));
      for (const e of examples) {
        const words = e.trim().split(/\s+/);
        // The command an example runs: the longest path of the tree its first words name.
        const target = nodes.filter((n) => n.path.every((p, i) => words[i + 1] === p)).sort((a, b) => b.path.length - a.path.length)[0]!;
        const longs = new Set(target.options.flatMap((o) => [o.long, o.short]));
        for (const flag of words.filter((w) => /^--?[a-z]/.test(w))) expect(longs.has(flag.split('=')[0]!), `${e}: ${flag} is not an option of catdb ${target.path.join(' ')}`).toBe(true);
      }
    }
  });

  it('every option is in --help and the man page with its flags; required ones say so; no "(default: [])"', () => {
    for (const c of nodes) {
      const help = helpOf(c.path);
      const name = ['catdb', ...c.path].join(' ');
      expect(help, name).not.toContain('(default: [])');
      for (const o of c.options) {
        expect(help, `${name} ${o.flags}`).toContain(o.flags);
        expect(manText, `${name} ${o.flags}`).toContain(`.B ${o.flags}`);
        if (!o.mandatory) continue;
        const at = help.indexOf(o.flags);
        const next = help.slice(at).search(/\n {2}-/);
        expect(help.slice(at, next < 0 ? undefined : at + next).replace(/\s+/g, ' '), `${name} ${o.flags}`).toContain('(required)');
        expect(reference, `${name} ${o.flags}`).toMatch(new RegExp(`\\| \`${o.flags.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\|[^\\n]*required`));
      }
    }
  });
});
