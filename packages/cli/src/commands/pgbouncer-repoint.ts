import { Option, type Command } from 'commander';
import { DEFAULT_CHECK_TIMEOUT_MS } from '@catdb/core/monitoring';
import { repointToPrimary } from '@catdb/core/pgbouncer';
import { resultAction } from '../render/result-action.js';
import type { ActionContext } from '../render/run-action.js';
import { parseDuration } from './duration-option.js';

interface RepointFlags {
  dir: string;
  primary: string;
  timeout: number;
  json?: boolean;
}

/** `catdb pgbouncer repoint --dir <dir> --primary <url>`: PAUSE, rewrite [databases], RELOAD, RESUME. */
export function registerPgbouncerRepoint(group: Command): void {
  group
    .command('repoint')
    .description('Move the primary aliases of a catdb PgBouncer to a new primary: PAUSE, rewrite [databases], RELOAD, RESUME (clients wait, no errors)')
    .requiredOption('--dir <dir>', 'folder written by catdb pgbouncer init')
    .requiredOption('--primary <url>', 'URL of the new primary (must accept writes); its host and port go into pgbouncer.ini')
    .addOption(new Option('--timeout <duration>', 'deadline for reading the primary, and for PAUSE to RESUME (500ms, 5s, 2m)').argParser(parseDuration('--timeout', { positive: true })).default(DEFAULT_CHECK_TIMEOUT_MS, '10s'))
    .option('--json', 'NDJSON events and a final result object')
    .action(
      resultAction(
        (ctx: ActionContext, flags: RepointFlags) =>
          repointToPrimary({
            dir: flags.dir,
            primaryUrl: flags.primary,
            timeoutMs: flags.timeout,
            signal: ctx.signal,
            onEvent: (e) => {
              if (ctx.json) ctx.emitJson(e as unknown as Record<string, unknown>);
              else if (e.type === 'pgbouncer.admin-command') process.stderr.write(`  pgbouncer ${e.command}\n`);
            },
          }),
        (result) => (result.changed ? `PgBouncer: primary aliases ${result.aliases.join(', ')} now point at ${result.to}.` : `PgBouncer: primary aliases ${result.aliases.join(', ')} already pointed at ${result.to}; nothing changed.`),
      ),
    );
}
