import type { Command } from 'commander';

/** Registers `catdb pgbouncer …` subcommands on the given group. */
export function registerPgbouncerCommands(_group: Command): void {}
