import { removeReplica } from '@catdb/core';
import type { Command } from 'commander';
import { runAction } from '../render/run-action.js';
import { replicaEventPrinter } from './replica-render.js';

interface Opts {
  primary: string;
  slot: string;
  dataDir?: string;
  json?: boolean;
}

export function registerReplicaRemove(group: Command): void {
  group
    .command('remove')
    .description("Drop a standby's slot (refused while it streams) and optionally its data directory")
    .requiredOption('--primary <url>', 'superuser URL of the primary')
    .requiredOption('--slot <name>', 'the physical slot to drop')
    .option('--data-dir <dir>', 'also delete this stopped standby data directory')
    .option('--json', 'NDJSON events and a final result object')
    .action(
      runAction(async (ctx, opts: Opts) => {
        const result = await removeReplica({ primaryUrl: opts.primary, slot: opts.slot, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), signal: ctx.signal, onEvent: replicaEventPrinter(ctx) });
        if (ctx.json) return ctx.emitJson({ type: 'result', ...result });
        process.stdout.write(`${result.slotDropped ? `Dropped slot ${opts.slot}` : `No slot ${opts.slot} (nothing to drop)`}${opts.dataDir ? `; ${result.dataDirRemoved ? 'removed' : 'no'} ${opts.dataDir}` : ''}.\n`);
      }),
    );
}
