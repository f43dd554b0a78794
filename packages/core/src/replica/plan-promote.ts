import type { PreflightCheck } from './types.js';

/** What the candidate standby says about itself, read just before promoting it. */
export interface PromoteFacts {
  inRecovery: boolean;
  /** pg_stat_wal_receiver.status, or null when no WAL receiver runs (the primary is gone). */
  receiverStatus: string | null;
  /** pg_last_wal_receive_lsn(): null when it never received WAL by streaming. */
  receivedLsn: string | null;
  replayLsn: string | null;
  /** Bytes received but not yet replayed. */
  bytesNotReplayed: bigint;
  /** Time since the last replayed transaction when some WAL waits for replay, else 0; null when unknown. */
  replayLagMs: number | null;
}

export interface PromotePlan {
  ok: boolean;
  checks: PreflightCheck[];
  /** How the lag was measured, for the operator (it is never the primary's view once it is gone). */
  lagBasis: string;
}

/**
 * Decides whether the candidate may be promoted: it must be in recovery and have streamed,
 * and its replay may trail what it received by at most `maxLagMs` unless `force`. The lag is
 * what this standby can know on its own: received vs replayed. WAL the old primary wrote but
 * never sent is invisible from here — only synchronous replication guarantees there is none.
 * Pure.
 */
export function planPromote(facts: PromoteFacts, options: { maxLagMs: number; force: boolean }): PromotePlan {
  const checks: PreflightCheck[] = [];
  checks.push({ name: 'in recovery', ok: facts.inRecovery, detail: facts.inRecovery ? 'the server is a standby' : 'the server is not in recovery: it is already a primary' });
  const streamed = facts.receivedLsn !== null;
  checks.push({
    name: 'streaming standby',
    ok: !facts.inRecovery || streamed,
    detail: streamed
      ? facts.receiverStatus === 'streaming'
        ? `receiving from its primary, received up to ${facts.receivedLsn}`
        : `its WAL receiver is ${facts.receiverStatus ?? 'not running'} (primary gone?); received up to ${facts.receivedLsn}`
      : 'it never received WAL by streaming replication',
  });
  const lagBasis =
    facts.receiverStatus === 'streaming'
      ? 'replay behind what this standby received (its primary still streams to it)'
      : 'replay behind what this standby received before its primary went away; WAL the primary never sent cannot be measured';
  const lagMs = facts.replayLagMs;
  const within = facts.bytesNotReplayed === 0n || (lagMs !== null && lagMs <= options.maxLagMs);
  const lagText = facts.bytesNotReplayed === 0n ? 'all received WAL is replayed' : `${facts.bytesNotReplayed} bytes not replayed${lagMs === null ? '' : `, ${(lagMs / 1000).toFixed(1)} s behind`}`;
  checks.push({
    name: 'lag',
    ok: within || options.force,
    detail: within ? `${lagText} (limit ${options.maxLagMs / 1000} s)` : `${lagText}, over the limit of ${options.maxLagMs / 1000} s${options.force ? ' — accepted with --force' : ''}`,
  });
  return { ok: checks.every((c) => c.ok), checks, lagBasis };
}
