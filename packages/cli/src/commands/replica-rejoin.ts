import { rejoinPrimary } from '@catdb/core/replica';
import type { Command } from 'commander';
import { resultAction } from '../render/result-action.js';
import { given } from './given.js';
import { replicaEventPrinter } from './replica-render.js';

interface Opts {
  dataDir: string;
  primary: string;
  passwordFile: string;
  replicationUser?: string;
  slot?: string;
  json?: boolean;
}

export function registerReplicaRejoin(group: Command): void {
  group
    .command('rejoin')
    .description('Bring a stopped former primary back as a standby of the new one (pg_rewind; only when you ask)')
    .requiredOption('--data-dir <dir>', 'data directory of the stopped old primary (one catdb created)')
    .requiredOption('--primary <url>', 'superuser URL of the new primary')
    .requiredOption('--password-file <file>', 'file with the replication role password (from prepare-primary)')
    .option('--replication-user <name>', 'replication role', 'catdb_replicator')
    .option('--slot <name>', 'physical replication slot on the new primary (default: derived from --data-dir)')
    .option('--json', 'NDJSON events and a final result object')
    .action(
      resultAction(
        (ctx, opts: Opts) =>
          rejoinPrimary({
            dataDir: opts.dataDir,
            primaryUrl: opts.primary,
            passwordFile: opts.passwordFile,
            ...given({ replicationUser: opts.replicationUser, slot: opts.slot }),
            signal: ctx.signal,
            onEvent: replicaEventPrinter(ctx),
          }),
        (result) => `${result.dataDir} rewound and back as a standby (slot ${result.slot}, ${result.standbyUrl}); streaming confirmed by both sides.`,
      ),
    );
}
