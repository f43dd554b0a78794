import { Help, type Command, type Option } from 'commander';
import { COMMAND_EXAMPLES } from './command-examples.js';

/**
 * How every `--help` reads: required options say so, and a list option that starts empty
 * does not show `(default: [])`. Set on the program before its subcommands are created,
 * which inherit it.
 */
export function configureHelpLayout(program: Command): void {
  program.configureHelp({
    optionDescription(this: Help, option: Option): string {
      const emptyList = Array.isArray(option.defaultValue) && option.defaultValue.length === 0;
      const shown = emptyList ? Object.assign(Object.create(Object.getPrototypeOf(option) as object) as Option, option, { defaultValue: undefined }) : option;
      const text = Help.prototype.optionDescription.call(this, shown);
      return option.mandatory ? `${text} (required)` : text;
    },
  });
}

/** Appends the Examples section of COMMAND_EXAMPLES to each command of the tree. */
export function addExamples(command: Command, path: string[] = []): void {
  const examples = COMMAND_EXAMPLES[path.join(' ')];
  if (examples?.length) command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  ${e}`).join('\n')}`);
  for (const sub of command.commands) addExamples(sub, [...path, sub.name()]);
}
