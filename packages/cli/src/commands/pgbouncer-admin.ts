import { Option, type Command } from 'commander';
import { DEFAULT_CHECK_TIMEOUT_MS } from '@catdb/core/monitoring';
import { sendAdminCommand } from '@catdb/core/pgbouncer';
import { runAction, type ActionContext } from '../render/run-action.js';
import { parseDuration } from './duration-option.js';

interface AdminFlags {
  dir: string;
  database?: string;
  timeout: number;
  json?: boolean;
}

const COMMANDS = [
  { name: 'pause', command: 'PAUSE', description: 'PAUSE: clients stay connected, new queries wait until resume (waits for running transactions)', perDatabase: true },
  { name: 'resume', command: 'RESUME', description: 'RESUME: let paused clients through again', perDatabase: true },
  { name: 'reload', command: 'RELOAD', description: 'RELOAD: re-read pgbouncer.ini and userlist.txt without dropping clients', perDatabase: false },
] as const;

/** `catdb pgbouncer pause | resume | reload --dir <dir>`: one admin console command each, with a deadline. */
export function registerPgbouncerAdmin(group: Command): void {
  for (const spec of COMMANDS) {
    const cmd = group
      .command(spec.name)
      .description(spec.description)
      .requiredOption('--dir <dir>', 'folder written by catdb pgbouncer init');
    if (spec.perDatabase) cmd.option('--database <alias>', 'only this alias (default: every database)');
    cmd
      .addOption(new Option('--timeout <duration>', 'deadline for connecting and the answer (500ms, 5s, 2m)').argParser(parseDuration('--timeout', { positive: true })).default(DEFAULT_CHECK_TIMEOUT_MS, '10s'))
      .option('--json', 'one JSON object on stdout')
      .action(
        runAction(async (ctx: ActionContext, flags: AdminFlags) => {
          const result = await sendAdminCommand({ dir: flags.dir, command: spec.command, ...(flags.database ? { database: flags.database } : {}), timeoutMs: flags.timeout, signal: ctx.signal });
          if (ctx.json) ctx.emitJson({ type: 'pgbouncer.admin-command', ...result });
          else process.stdout.write(`${result.command}: done (PgBouncer ${result.listen})\n`);
          return 0;
        }),
      );
  }
}
