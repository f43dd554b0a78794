import { CatdbError } from '@catdb/core';
import { sandboxPooledUrl, startSandbox, type SandboxEvent, type SandboxPgbouncer } from '@catdb/core/sandbox';
import type { Command } from 'commander';
import { runAction } from '../render/run-action.js';
import { shellQuote } from '../render/shell-quote.js';
import { replicaEventPrinter } from './replica-render.js';
import { addOutputOptions } from './output-options.js';

export const DEFAULT_SANDBOX_DIR = '.catdb/sandbox';

interface Opts {
  replicas: string;
  dir: string;
  pgbouncer?: boolean;
  json?: boolean;
}

export function registerSandboxUp(group: Command): void {
  const command = group
    .command('up')
    .description('Start a local primary and n streaming replicas on 127.0.0.1 (re-run to restart or add replicas)')
    .option('--replicas <n>', 'number of streaming replicas', '1')
    .option('--dir <dir>', 'sandbox folder', DEFAULT_SANDBOX_DIR)
    .option('--pgbouncer', 'also run a PgBouncer in front of the primary, with a read-only <db>_ro alias per replica')
    .option('--json', 'NDJSON events and a final result object');
  addOutputOptions(command)
    .action(
      runAction(async (ctx, opts: Opts) => {
        const replicas = Number(opts.replicas);
        if (!Number.isInteger(replicas) || replicas < 0 || replicas > 16) throw new CatdbError('USAGE_INVALID_OPTION', '--replicas must be an integer from 0 to 16');
        const printReplica = replicaEventPrinter(ctx);
        const onEvent = (e: SandboxEvent): void => {
          if (e.type !== 'sandbox.server') return printReplica(e);
          ctx.logEvent(e);
          if (ctx.json) ctx.emitJson(e as unknown as Record<string, unknown>);
          else process.stderr.write(`${e.status === 'ready' ? '✔' : '…'} ${e.name} ${e.status}${e.port ? ` on 127.0.0.1:${e.port}` : ''}\n`);
        };
        const state = await startSandbox({ dir: opts.dir, replicas, pgbouncer: Boolean(opts.pgbouncer), signal: ctx.signal, onEvent });
        if (ctx.json) return ctx.emitJson({ type: 'result', ...state });
        const lines = [`Sandbox in ${state.dir}:`, `  primary   ${state.primary.url}`];
        for (const r of state.replicas) lines.push(`  ${r.name.padEnd(9)} ${r.url} (slot ${r.slot})`);
        const pgbouncer = state.services.pgbouncer as SandboxPgbouncer | undefined;
        if (pgbouncer) {
          // Printed to be pasted: the URLs name the passfile, so neither psql nor catdb asks for a password.
          const url = sandboxPooledUrl(state, pgbouncer.port);
          lines.push(`  pgbouncer ${url} (read-only aliases <db>_ro…)`);
          lines.push(`Connect through PgBouncer: psql ${shellQuote(url)}`);
          lines.push(`Check PgBouncer: catdb pgbouncer check --dir ${shellQuote(pgbouncer.dir)} --database-url ${shellQuote(url)}`);
        }
        lines.push(`Check lag: catdb replica lag --primary ${shellQuote(state.primary.url)}`);
        process.stdout.write(lines.join('\n') + '\n');
      }),
    );
}
