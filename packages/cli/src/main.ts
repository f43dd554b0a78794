#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { isCatdbError } from '@catdb/core';
import { CHECK_EXIT_CODE } from '@catdb/core/monitoring';
import { Command, CommanderError } from 'commander';
import { ExitCode } from './render/exit-code.js';
import { formatError } from './render/format-error.js';
import { usageErrorEvent } from './render/usage-error-event.js';
import { NAGIOS_SERVICES, nagiosUnknownLine } from './render/nagios-mode.js';
import { buildProgram } from './program.js';

/** The subcommand path the arguments name, e.g. `replica lag`; '' for the program itself. */
function commandPathOf(program: Command, args: readonly string[]): string {
  const path: string[] = [];
  let current = program;
  for (const arg of args) {
    const next = current.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!next) continue;
    path.push(next.name());
    current = next;
  }
  return path.join(' ');
}

const program: Command = buildProgram(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
// Subcommands do not inherit an override set after they were created, so each gets its own;
// without it commander would exit(1) from inside a subcommand.
const override = (command: Command): void => {
  command.exitOverride();
  command.commands.forEach(override);
};
override(program);
const args = process.argv.slice(2);
// A reader that stops early (`catdb … --help | head -1`) closes the pipe: nothing is left to
// say to it, so stop quietly instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok);
    throw err;
  });
}
const json = args.includes('--json');
if (json) {
  // Usage errors become one JSON object on stdout (below), not commander's text on stderr.
  const silence = (command: Command): void => {
    command.configureOutput({ outputError: () => undefined, writeErr: () => undefined });
    command.showHelpAfterError(false);
    command.commands.forEach(silence);
  };
  silence(program);
}
const nagiosService = args.includes('--nagios') ? NAGIOS_SERVICES[commandPathOf(program, args)] : undefined;
/**
 * A Nagios plugin (a check run with --nagios) answers bad arguments with one UNKNOWN status
 * line and exit 3, never CRITICAL (2) and never silence; every other command exits 2.
 */
const usageExit = (err: unknown): number => {
  if (nagiosService === undefined) return ExitCode.usage;
  process.stdout.write(nagiosUnknownLine(nagiosService, err) + '\n');
  return CHECK_EXIT_CODE.UNKNOWN;
};
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end here with code 0; usage errors were already printed by commander.
    if (err.exitCode !== 0 && json && nagiosService === undefined) process.stdout.write(JSON.stringify(usageErrorEvent(err, commandPathOf(program, args))) + '\n');
    process.exitCode = err.exitCode === 0 ? ExitCode.ok : usageExit(err);
  } else if (isCatdbError(err) && err.code.startsWith('USAGE_')) {
    // Thrown by an option's value parser while commander reads the arguments.
    if (json && nagiosService === undefined) process.stdout.write(JSON.stringify(usageErrorEvent(err, commandPathOf(program, args))) + '\n');
    else process.stderr.write(formatError(err) + '\n');
    process.exitCode = usageExit(err);
  } else {
    throw err;
  }
}
