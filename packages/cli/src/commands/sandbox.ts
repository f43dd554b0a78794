import type { Command } from 'commander';
import { registerSandboxDown } from './sandbox-down.js';
import { registerSandboxStatus } from './sandbox-status.js';
import { registerSandboxUp } from './sandbox-up.js';

/** Registers `catdb sandbox …` subcommands on the given group. */
export function registerSandboxCommands(group: Command): void {
  registerSandboxUp(group);
  registerSandboxStatus(group);
  registerSandboxDown(group);
}
