import { removeReplica } from '@catdb/core/replica';
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
    .option('--data-dir <dir>', 'also delete this stopped standby data directory and its .catdb folder (only if catdb replica init made them)')
    .option('--json', 'NDJSON events and a final result object')
    .action(
      runAction(async (ctx, opts: Opts) => {
        const result = await removeReplica({ primaryUrl: opts.primary, slot: opts.slot, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), signal: ctx.signal, onEvent: replicaEventPrinter(ctx) });
        if (ctx.json) return ctx.emitJson({ type: 'result', ...result });
        const lines = [result.slotDropped ? `Dropped slot ${opts.slot}.` : `No slot ${opts.slot} (nothing to drop).`];
        for (const r of result.removed) lines.push(`${r.how === 'removed' ? 'Removed' : 'Emptied (kept: it existed before catdb)'} ${r.path}`);
        for (const l of result.left) lines.push(`Left ${l.path}: ${l.reason}`);
        process.stdout.write(lines.join('\n') + '\n');
      }),
    );
}
