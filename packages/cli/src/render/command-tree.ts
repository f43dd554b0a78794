import type { Command, Help } from 'commander';

/** One option of a command, as the reference docs and shell completion need it. */
export interface OptionNode {
  /** As declared, e.g. `--to <postgres-url>` or `-V, --version`. */
  flags: string;
  long: string | undefined;
  short: string | undefined;
  description: string;
  /** `required`: `--x <v>`; `optional`: `--x [v]`; `none`: a switch. */
  value: 'required' | 'optional' | 'none';
  choices: readonly string[] | undefined;
  /** Shown default (the description when one was given), undefined when none. */
  defaultValue: string | undefined;
  envVar: string | undefined;
  /** Must be given (commander's requiredOption). */
  mandatory: boolean;
  repeatable: boolean;
}

export interface ArgumentNode {
  name: string;
  description: string;
  required: boolean;
  variadic: boolean;
  choices: readonly string[] | undefined;
}

/** A command and everything below it, in declaration order. */
export interface CommandNode {
  /** Words after `catdb`, e.g. ['replica', 'lag']; empty for the program. */
  path: string[];
  name: string;
  description: string;
  usage: string;
  arguments: ArgumentNode[];
  /** Declared options plus help (and version on the program). */
  options: OptionNode[];
  /** Text a command adds after its help (exit codes, examples), trimmed; '' when none. */
  helpAfter: string;
  commands: CommandNode[];
}

const HELP_OPTION: OptionNode = {
  flags: '-h, --help',
  long: '--help',
  short: '-h',
  description: 'display help for command',
  value: 'none',
  choices: undefined,
  defaultValue: undefined,
  envVar: undefined,
  mandatory: false,
  repeatable: false,
};

/**
 * Reads a commander tree into plain data (no output, no parsing), so docs and completion
 * scripts are generated from the same definitions the CLI runs. Hidden commands and
 * options are left out.
 */
export function commandTree(command: Command, parentPath: string[] = []): CommandNode {
  const path = command.parent ? [...parentPath, command.name()] : [];
  const help: Help = command.createHelp();
  const options = command.options
    .filter((o) => !o.hidden)
    .map((o): OptionNode => ({
      flags: o.flags,
      long: o.long,
      short: o.short,
      description: o.description,
      value: o.required ? 'required' : o.optional ? 'optional' : 'none',
      choices: o.argChoices,
      defaultValue: o.defaultValueDescription ?? (o.defaultValue === undefined || o.negate || o.defaultValue === false ? undefined : formatDefault(o.defaultValue)),
      envVar: o.envVar,
      mandatory: o.mandatory,
      repeatable: o.variadic || /\(repeatable\)/.test(o.description),
    }));
  return {
    path,
    name: command.name(),
    description: command.description(),
    usage: help.commandUsage(command),
    arguments: command.registeredArguments.map((a) => ({ name: a.name(), description: a.description, required: a.required, variadic: a.variadic, choices: a.argChoices })),
    options: [...options, HELP_OPTION],
    helpAfter: helpAfter(command),
    commands: command.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden).map((c) => commandTree(c, path)),
  };
}

/** Every command of the tree, depth first, the program first. */
export function flattenTree(node: CommandNode): CommandNode[] {
  return [node, ...node.commands.flatMap(flattenTree)];
}

function formatDefault(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? undefined : JSON.stringify(value);
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** addHelpText('after', …) is only reachable by emitting the help event into a buffer. */
function helpAfter(command: Command): string {
  let text = '';
  const emit = (command as unknown as { emit(event: string, context: unknown): boolean }).emit.bind(command);
  emit('afterHelp', { error: false, command, write: (s: string) => (text += s) });
  emit('afterAllHelp', { error: false, command, write: (s: string) => (text += s) });
  return text.trim();
}
