#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ExitCode } from './render/exit-code.js';
import { buildProgram } from './program.js';

const program: Command = buildProgram(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
program.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end here with code 0; usage errors were already printed by commander.
    process.exitCode = err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  } else {
    throw err;
  }
}
