import type { Command } from 'commander';
import { registerMigrateSqliteToPg } from './migrate-sqlite-to-pg.js';
import { registerMigrateVerify } from './migrate-verify.js';

/** Registers `catdb migrate …` subcommands on the given group. */
export function registerMigrateCommands(group: Command): void {
  registerMigrateSqliteToPg(group);
  registerMigrateVerify(group);
}
