import { preparePrimary } from '@catdb/core/replica';
import type { Command } from 'commander';
import { resultAction } from '../render/result-action.js';
import { given } from './given.js';
import { describePrepareAction, replicaEventPrinter } from './replica-render.js';

interface Opts {
  primary: string;
  replicationUser?: string;
  passwordFile?: string;
  allowFrom?: string;
  maxSlotWalKeepSize?: string;
  dryRun?: boolean;
  json?: boolean;
}

export function registerReplicaPreparePrimary(group: Command): void {
  group
    .command('prepare-primary')
    .description('Check and set replication settings, create the replication role (SCRAM, password never sent) and the pg_hba.conf line')
    .requiredOption('--primary <url>', 'superuser URL of the primary (password from PGPASSFILE or ~/.pgpass)')
    .option('--replication-user <name>', 'replication role', 'catdb_replicator')
    .option('--password-file <file>', 'file with the role password (first line); generated (0600) when absent and the role is new')
    .option('--allow-from <cidr>', 'address range standbys connect from', '127.0.0.1/32')
    .option('--max-slot-wal-keep-size <size>', 'cap on WAL kept for slots, e.g. 10GB')
    .option('--dry-run', 'show what would change, change nothing')
    .option('--json', 'NDJSON events and a final result object')
    .action(
      resultAction(
        (ctx, opts: Opts) =>
          preparePrimary({
            primaryUrl: opts.primary,
            ...given({ replicationUser: opts.replicationUser, passwordFile: opts.passwordFile, allowFrom: opts.allowFrom, maxSlotWalKeepSize: opts.maxSlotWalKeepSize }),
            dryRun: Boolean(opts.dryRun),
            signal: ctx.signal,
            onEvent: replicaEventPrinter(ctx),
          }),
        (result) => {
          const out: string[] = [result.dryRun ? 'Plan (dry run, nothing changed):' : 'Primary prepared:'];
          for (const a of result.actions) out.push(`  ${describePrepareAction(a)}`);
          if (result.passwordGenerated) out.push(`Generated the ${result.replicationUser} password into ${result.passwordFile} (0600); pass it to init with --password-file.`);
          else if (result.passwordFile) out.push(`Password file: ${result.passwordFile}`);
          if (result.restartNeeded.length) out.push(`Restart the primary for ${result.restartNeeded.join(', ')} to take effect.`);
          return out;
        },
      ),
    );
}
