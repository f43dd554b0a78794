import { removeReplica } from '@catdb/core/replica';
import type { Command } from 'commander';
import { resultAction } from '../render/result-action.js';
import { given } from './given.js';
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
      resultAction(
        (ctx, opts: Opts) => removeReplica({ primaryUrl: opts.primary, slot: opts.slot, ...given({ dataDir: opts.dataDir }), signal: ctx.signal, onEvent: replicaEventPrinter(ctx) }),
        (result, opts) => [
          result.slotDropped ? `Dropped slot ${opts.slot}.` : `No slot ${opts.slot} (nothing to drop).`,
          ...result.removed.map((r) => `${r.how === 'removed' ? 'Removed' : 'Emptied (kept: it existed before catdb)'} ${r.path}`),
          ...result.left.map((l) => `Left ${l.path}: ${l.reason}`),
        ],
      ),
    );
}
