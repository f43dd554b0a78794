import type { Command } from 'commander';
import { isCatdbError } from '@catdb/core';
import { onlineAbort } from '@catdb/core/online';
import { ExitCode } from '../render/exit-code.js';
import { runAction } from '../render/run-action.js';
import { plural } from '../render/plural.js';
import { resolveTarget } from './resolve-target.js';

interface Opts {
  to?: string;
  schema?: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export function registerMigrateOnlineAbort(group: Command): void {
  group
    .command('online-abort')
    .description('Remove every object an online migration added to the SQLite file (capture triggers, change log, fence); the target is left as it is')
    .argument('<sqlite-file>', 'the SQLite database')
    .option('--to <postgres-url>', 'also mark the online migration aborted in this target, its tables left as they are (default: $DATABASE_URL, else PGHOST/PGDATABASE, else catdb\'s local PostgreSQL when it runs; with none, only the file is cleaned)')
    .option('--schema <name>', 'target schema of the migration (default: the one the file records)')
    .option('--force', 'also remove the fence of a file that was cut over: it accepts writes again')
    .option('--dry-run', 'list what would be removed; change nothing')
    .option('--json', 'print one JSON document')
    .addHelpText('after', '\nExit codes: 0 removed (or nothing to remove), 1 failed or refused, 2 usage, 130 interrupted.')
    .action(
      runAction(async (ctx, file: string, opts: Opts) => {
        // The target is optional here: the file is cleaned either way, and no server is started for it.
        let url: string | undefined;
        try {
          url = (await resolveTarget(ctx, { to: opts.to, file, local: 'if-running', ...(opts.schema ? { schema: opts.schema } : {}) })).url;
        } catch (err) {
          if (!isCatdbError(err, 'USAGE_NO_TARGET')) throw err;
        }
        const result = await onlineAbort({ source: file, ...(url ? { target: url } : {}), ...(opts.schema ? { schema: opts.schema } : {}), force: Boolean(opts.force), dryRun: Boolean(opts.dryRun), signal: ctx.signal });
        if (ctx.json) ctx.emitJson({ type: 'online-abort', ...result });
        else {
          const { tables, triggers } = result.removed;
          const verb = result.dryRun ? 'Would remove' : 'Removed';
          // Trigger names are digests; --json lists them.
          process.stdout.write(tables.length + triggers.length ? `${verb} from ${file}: ${tables.length ? tables.join(', ') : 'no tables'} and ${plural(triggers.length, 'trigger')} named _catdb_*${result.wasFenced ? ' (the fence included)' : ''}.\n` : `${file} holds no catdb objects.\n`);
          if (result.abortedRun) process.stdout.write(`Marked online migration ${result.abortedRun} aborted in the target; its tables are left as they are.\n`);
        }
        return ExitCode.ok;
      }),
    );
}
