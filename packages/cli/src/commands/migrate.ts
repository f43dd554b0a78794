import type { Command } from 'commander';

/** Registers `catdb migrate …` subcommands on the given group. */
export function registerMigrateCommands(_group: Command): void {}
