import { DEFAULT_CHECK_TIMEOUT_MS } from '@catdb/core/monitoring';
import { formatBytes, getReplicationStatus, mapLagVerdict } from '@catdb/core/replica';
import { Option, type Command } from 'commander';
import { runAction } from '../render/run-action.js';
import { parseDuration } from './duration-option.js';
import { resolvePrimary } from './resolve-primary.js';

interface Opts {
  primary?: string;
  replica: string[];
  json?: boolean;
  /** Milliseconds. */
  timeout: number;
}

const b = (v: bigint | null): string => (v === null ? '-' : formatBytes(v));
const s = (us: number | null): string => (us === null ? '-' : `${(us / 1e6).toFixed(3)} s`);

export function registerReplicaStatus(group: Command): void {
  group
    .command('status')
    .description('Standbys, slots and timelines as the primary and each standby see them')
    .option('--primary <url>', 'URL of the primary, superuser or pg_monitor (default: $DATABASE_URL, else PGHOST/PGDATABASE, else catdb\'s local PostgreSQL when it runs)')
    .option('--replica <url>', 'a standby to ask too (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--json', 'one JSON document')
    .addOption(new Option('--timeout <duration>', 'deadline for connecting and every query (500ms, 5s, 2m; a bare number is seconds)').argParser(parseDuration('--timeout', { positive: true })).default(DEFAULT_CHECK_TIMEOUT_MS, '10s'))
    .action(
      runAction(async (ctx, opts: Opts) => {
        const primaryUrl = await resolvePrimary(opts.primary, ctx.signal);
        const status = await getReplicationStatus({ primaryUrl, replicaUrls: opts.replica, timeoutMs: opts.timeout, signal: ctx.signal });
        const report = mapLagVerdict(status);
        if (ctx.json) return ctx.emitJson({ ...status, verdicts: report.standbys });
        const out = [`primary ${status.primary.url}: timeline ${status.primary.timeline}, LSN ${status.primary.currentLsn}`];
        for (const v of report.standbys) {
          out.push(`standby ${v.name}: ${v.condition}${v.walsenderState ? ` (walsender ${v.walsenderState})` : ''}`);
          out.push(`  not sent ${b(v.bytesNotSent)}, not written ${b(v.bytesNotWritten)}, not flushed ${b(v.bytesNotFlushed)}, not replayed ${b(v.bytesNotReplayed)}`);
          out.push(`  lag write ${s(v.writeLagUs)}, flush ${s(v.flushLagUs)}, replay ${s(v.replayLagUs)}${v.sinceLastReplayUs !== null ? `, last replay ${s(v.sinceLastReplayUs)} ago` : ''}`);
          if (v.slotName) out.push(`  slot ${v.slotName}: ${v.slotActive ? 'active' : 'INACTIVE'}, wal_status ${v.walStatus ?? '-'}, retains ${b(v.retainedWalBytes)}, safe_wal_size ${v.safeWalSizeBytes === null ? 'unlimited' : b(v.safeWalSizeBytes)}`);
          out.push(`  timeline primary ${v.primaryTimeline}, standby ${v.standbyTimeline ?? '-'}`);
          for (const r of v.reasons) out.push(`  - ${r}`);
        }
        if (report.standbys.length === 0) out.push('no standbys, slots or --replica given');
        process.stdout.write(out.join('\n') + '\n');
      }),
    );
}
