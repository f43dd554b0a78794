import type { Command } from 'commander';
import { stopPgbouncer } from '@catdb/core/pgbouncer';
import { runAction, type ActionContext } from '../render/run-action.js';

async function stopAction(ctx: ActionContext, flags: { dir: string; json?: boolean }): Promise<number> {
  const result = await stopPgbouncer({ dir: flags.dir, signal: ctx.signal, ...(ctx.json ? { onEvent: (e) => ctx.emitJson(e) } : {}) });
  if (ctx.json) ctx.emitJson({ type: 'pgbouncer.stop-result', ...result });
  else process.stdout.write(result.stopped ? `stopped PgBouncer (pid ${result.pid})\n` : `no PgBouncer running from ${flags.dir}\n`);
  return 0;
}

/** `catdb pgbouncer stop --dir <dir>`: SIGTERM to the pid in the pidfile, then wait for exit. */
export function registerPgbouncerStop(group: Command): void {
  group
    .command('stop')
    .description('Stop the PgBouncer started from --dir (pidfile)')
    .requiredOption('--dir <dir>', 'folder written by catdb pgbouncer init')
    .option('--json', 'NDJSON events on stdout')
    .action(runAction(stopAction));
}
