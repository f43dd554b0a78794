import type { Command } from 'commander';
import { registerMigrateCutover } from './migrate-cutover.js';
import { registerMigrateOnlineAbort } from './migrate-online-abort.js';
import { registerMigrateSqliteToPg } from './migrate-sqlite-to-pg.js';
import { registerMigrateVerify } from './migrate-verify.js';

/** Registers `catdb migrate …` subcommands on the given group. */
export function registerMigrateCommands(group: Command): void {
  registerMigrateSqliteToPg(group);
  registerMigrateVerify(group);
  registerMigrateCutover(group);
  registerMigrateOnlineAbort(group);
}
