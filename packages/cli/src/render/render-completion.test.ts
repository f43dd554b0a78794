import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandTree } from './command-tree.js';
import { renderCompletion } from './render-completion.js';

function tinyProgram(): Command {
  const program = new Command('tool').description('a tool').version('1.0.0', '-V, --version');
  const group = program.command('db').description("the database's commands");
  group
    .command('load')
    .description('load a file')
    .argument('<file>', 'the file')
    .addOption(new Option('--mode <m>', 'how').choices(['fast', 'safe']))
    .option('--to <url>', "target (it's a URL)")
    .option('--dry-run', 'change nothing');
  return program;
}

describe('renderCompletion', () => {
  const tree = commandTree(tinyProgram());

  it.each([
    ['bash', ["'db'|'db load'", "'db load:--mode') COMPREPLY=($(compgen -W 'fast safe' -- \"$cur\")); return ;;", "'db load:--to') COMPREPLY=(); return ;;", "'db load') subcommands=''; options='--mode --to --dry-run --help'; files=1 ;;", "'') subcommands='db'; options='--version --help'; files=0 ;;", 'complete -o default -o bashdefault -F _tool_completion tool']],
    ['zsh', ['#compdef tool', "'db load:--mode') compadd -- 'fast' 'safe'; return ;;", "'db load:--to') _files; return ;;", "subcommands=('db:the database'\\''s commands')", "'--to:target (it'\\''s a URL)'", 'compdef _tool tool']],
    ['fish', ["case 'db' 'db load'", `complete -c tool -n "__tool_at 'db load'" -l mode -x -a 'fast safe' -d 'how'`, `complete -c tool -n "__tool_at 'db load'" -l to -r -d 'target (it\\'s a URL)'`, `complete -c tool -n "__tool_at ''" -s V -l version -d 'output the version number'`, `complete -c tool -n "__tool_at 'db'" -f`]],
  ] as const)('%s script has the tree in it', (shell, fragments) => {
    const script = renderCompletion(shell, tree);
    for (const fragment of fragments) expect(script).toContain(fragment);
  });

  it('fish leaves file completion on for a command that takes a file', () => {
    expect(renderCompletion('fish', tree)).not.toContain(`-n "__tool_at 'db load'" -f\n`);
  });
});
