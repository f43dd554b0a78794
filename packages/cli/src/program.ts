import { Command } from 'commander';
import { registerCompletion } from './commands/completion.js';
import { registerLocalCommands } from './commands/local.js';
import { registerMigrateCommands } from './commands/migrate.js';
import { registerPgbouncerCommands } from './commands/pgbouncer.js';
import { registerReplicaCommands } from './commands/replica.js';
import { registerSandboxCommands } from './commands/sandbox.js';
import { addExamples, configureHelpLayout } from './commands/help-layout.js';

/**
 * The whole command tree. Kept apart from main.ts so the reference docs can be
 * generated from the same definitions without running anything.
 */
export function buildProgram(version: string): Command {
  const program = new Command('catdb')
    .description('Move a SQLite database into PostgreSQL, then scale it out with streaming replicas and PgBouncer.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)');
  configureHelpLayout(program);

  registerMigrateCommands(program.command('migrate').description('Migrate a SQLite database into PostgreSQL and verify it'));
  registerReplicaCommands(program.command('replica').description('Bootstrap streaming replicas and report their lag'));
  registerPgbouncerCommands(program.command('pgbouncer').description('Generate, start and check a PgBouncer in front of PostgreSQL'));
  registerLocalCommands(program.command('local').description("Status, start, stop and destroy of the PostgreSQL catdb uses when no target is given"));
  registerSandboxCommands(program.command('sandbox').description('Run a local primary, replicas and PgBouncer for development and tests'));
  registerCompletion(program);
  addExamples(program);
  return program;
}
