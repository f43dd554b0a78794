import { flattenTree, type CommandNode, type OptionNode } from '../../packages/cli/src/render/command-tree.js';
import { ENVIRONMENT } from './environment.js';
import { GENERATED_NOTE } from './generated-note.js';

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function optionRow(o: OptionNode): string {
  const notes = [
    o.mandatory ? 'required' : '',
    o.choices?.length ? `one of: ${o.choices.map((c) => `\`${c}\``).join(', ')}` : '',
    o.defaultValue !== undefined ? `default: ${o.defaultValue.startsWith('"') ? `\`${o.defaultValue.slice(1, -1)}\`` : o.defaultValue}` : '',
    o.envVar ? `env: \`${o.envVar}\`` : '',
  ].filter(Boolean);
  return `| \`${cell(o.flags)}\` | ${cell(o.description)}${notes.length ? ` (${notes.join('; ')})` : ''} |`;
}

function renderCommand(c: CommandNode): string {
  const title = ['catdb', ...c.path].join(' ');
  const lines = [`## ${title}`, '', c.description, '', '```', c.usage, '```', ''];
  if (c.commands.length) {
    lines.push('| Command | Description |', '| --- | --- |');
    for (const s of c.commands) lines.push(`| [\`${s.name}\`](#${anchor(['catdb', ...s.path].join(' '))}) | ${cell(s.description)} |`);
    lines.push('');
  }
  if (c.arguments.length) {
    lines.push('| Argument | Description |', '| --- | --- |');
    for (const a of c.arguments) {
      const name = `${a.required ? '<' : '['}${a.name}${a.variadic ? '...' : ''}${a.required ? '>' : ']'}`;
      lines.push(`| \`${name}\` | ${cell(a.description)}${a.choices?.length ? ` (one of: ${a.choices.map((x) => `\`${x}\``).join(', ')})` : ''} |`);
    }
    lines.push('');
  }
  lines.push('| Option | Description |', '| --- | --- |', ...c.options.map(optionRow), '');
  if (c.helpAfter) lines.push('```', c.helpAfter, '```', '');
  return lines.join('\n');
}

/** GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped. */
function anchor(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replaceAll(' ', '-');
}

/** docs/reference.md: every command, argument and option, from the commander definitions. */
export function renderReference(tree: CommandNode): string {
  const all = flattenTree(tree);
  const toc = all.filter((c) => c.path.length).map((c) => `${'  '.repeat(c.path.length - 1)}- [catdb ${c.path.join(' ')}](#${anchor(['catdb', ...c.path].join(' '))})`);
  return [
    '# Command reference',
    '',
    GENERATED_NOTE,
    '',
    'Every command also takes `-h, --help`. The program takes `-V, --version`. Exit codes common to all',
    'commands: 0 ok, 1 failed, 2 usage error, 130 interrupted; `replica lag` and `pgbouncer check` use',
    'Nagios codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, also for usage errors). Error codes and their',
    'exit codes: [errors.md](errors.md). The same reference is a man page: `man ./docs/catdb.1`.',
    '',
    'Environment:',
    '',
    ...ENVIRONMENT.map((e) => `- \`${e.name}\`: ${e.meaning}`),
    '',
    ...toc,
    '',
    ...all.map(renderCommand),
  ].join('\n');
}
