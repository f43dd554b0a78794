import { Argument, type Command } from 'commander';
import { commandTree } from '../render/command-tree.js';
import { COMPLETION_SHELLS, renderCompletion, type CompletionShell } from '../render/render-completion.js';

/** Registers `catdb completion <shell>` on the program; the script covers the whole tree. */
export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell to complete for').choices(COMPLETION_SHELLS))
    .addHelpText('after', `\nLoad it with:\n  bash:  source <(catdb completion bash)\n  zsh:   source <(catdb completion zsh)\n  fish:  catdb completion fish | source`)
    .action((shell: CompletionShell) => {
      process.stdout.write(renderCompletion(shell, commandTree(program)));
    });
}
