import type { Command } from 'commander';

/** Registers `catdb replica …` subcommands on the given group. */
export function registerReplicaCommands(_group: Command): void {}
