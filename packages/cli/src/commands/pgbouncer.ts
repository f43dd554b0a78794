import type { Command } from 'commander';
import { registerPgbouncerAdmin } from './pgbouncer-admin.js';
import { registerPgbouncerCheck } from './pgbouncer-check.js';
import { registerPgbouncerInit } from './pgbouncer-init.js';
import { registerPgbouncerRepoint } from './pgbouncer-repoint.js';
import { registerPgbouncerStop } from './pgbouncer-stop.js';

/** Registers `catdb pgbouncer …` subcommands on the given group. */
export function registerPgbouncerCommands(group: Command): void {
  registerPgbouncerInit(group);
  registerPgbouncerCheck(group);
  registerPgbouncerStop(group);
  registerPgbouncerAdmin(group);
  registerPgbouncerRepoint(group);
}
