import { followPrimary } from '@catdb/core/replica';
import type { Command } from 'commander';
import { resultAction } from '../render/result-action.js';
import { given } from './given.js';
import { replicaEventPrinter } from './replica-render.js';

interface Opts {
  replica: string;
  primary: string;
  dataDir?: string;
  json?: boolean;
}

export function registerReplicaFollow(group: Command): void {
  group
    .command('follow')
    .description('Repoint a standby catdb made at a new primary (new slot there, passfile, restart; pg_rewind when its timeline forked)')
    .requiredOption('--replica <url>', 'superuser URL of the running standby to repoint')
    .requiredOption('--primary <url>', 'superuser URL of the new primary')
    .option('--data-dir <dir>', "the standby's data directory (default: what the standby reports)")
    .option('--json', 'NDJSON events and a final result object')
    .action(
      resultAction(
        (ctx, opts: Opts) => followPrimary({ replicaUrl: opts.replica, primaryUrl: opts.primary, ...given({ dataDir: opts.dataDir }), signal: ctx.signal, onEvent: replicaEventPrinter(ctx) }),
        (result) => `Standby ${result.dataDir} follows the new primary (slot ${result.slot}${result.plan.rewind ? ', rewound first' : ''}); streaming confirmed by both sides.`,
      ),
    );
}
