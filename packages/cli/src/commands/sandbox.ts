import type { Command } from 'commander';

/** Registers `catdb sandbox …` subcommands on the given group. */
export function registerSandboxCommands(_group: Command): void {}
