import { initReplica } from '@catdb/core/replica';
import type { Command } from 'commander';
import { resultAction } from '../render/result-action.js';
import { given } from './given.js';
import { replicaEventPrinter } from './replica-render.js';
import { addOutputOptions } from './output-options.js';

interface Opts {
  primary: string;
  dataDir: string;
  slot?: string;
  port?: string;
  listen?: string;
  replicationUser?: string;
  passwordFile: string;
  start?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export function registerReplicaInit(group: Command): void {
  const command = group
    .command('init')
    .description('Preflight, slot, base backup and standby config for a streaming replica on this machine')
    .requiredOption('--primary <url>', 'superuser URL of the primary (password from PGPASSFILE or ~/.pgpass)')
    .requiredOption('--data-dir <dir>', "the standby's data directory (absent or empty)")
    .requiredOption('--password-file <file>', 'file with the replication role password (from prepare-primary)')
    .option('--slot <name>', 'physical replication slot (default: derived from --data-dir)')
    .option('--port <n>', 'port of the standby (default: a free one)')
    .option('--listen <addresses>', "listen_addresses of the standby, written to its own config (default 127.0.0.1; comma-separated, * for all)")
    .option('--replication-user <name>', 'replication role', 'catdb_replicator')
    .option('--start', 'start the standby and wait until it streams')
    .option('--dry-run', 'run the preflight only')
    .option('--json', 'NDJSON events and a final result object');
  addOutputOptions(command)
    .action(
      resultAction(
        (ctx, opts: Opts) =>
          initReplica({
            primaryUrl: opts.primary,
            dataDir: opts.dataDir,
            passwordFile: opts.passwordFile,
            ...given({ slot: opts.slot, port: opts.port === undefined ? undefined : Number(opts.port), replicationUser: opts.replicationUser }),
            ...(opts.listen !== undefined ? { listen: opts.listen } : {}),
            start: Boolean(opts.start),
            dryRun: Boolean(opts.dryRun),
            signal: ctx.signal,
            onEvent: replicaEventPrinter(ctx),
          }),
        (result) =>
          result.dryRun
            ? `Preflight passed (dry run): would ${result.mode === 'resume' ? 'resume the standby in' : 'create a standby in'} ${result.dataDir} on port ${result.port}, slot ${result.slot}.`
            : [
                `Standby ${result.mode === 'resume' ? 'resumed' : 'created'} in ${result.dataDir} (port ${result.port}, slot ${result.slot}).`,
                `  passfile ${result.passfile} (0600), log ${result.logFile}`,
                result.streaming ? '  streaming: confirmed by the primary and the standby' : `  not started: pg_ctl -D ${result.dataDir} -l ${result.logFile} start (or re-run with --start)`,
              ],
      ),
    );
}
