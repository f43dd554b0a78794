import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'pg-connection-string';
import { CatdbError, throwIfAborted } from '../errors.js';
import { connect, type PgClient } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { redactUrl } from '../pg/redact-url.js';
import { requirePostgresUrl } from '../pg/require-postgres-url.js';
import { repointPgbouncer } from '../pgbouncer/repoint-pgbouncer.js';
import type { PgbouncerEvent } from '../pgbouncer/types.js';
import { recordPromotion } from './record-failover.js';
import { pgbouncerNotRepointed } from './pgbouncer-not-repointed.js';
import { planPromote, type PromoteFacts, type PromotePlan } from './plan-promote.js';
import type { ReplicaEvent } from './types.js';

/** Options of promoteReplica. */
export interface PromoteReplicaOptions {
  /** Superuser URL of the standby to promote (pg_promote needs superuser or an explicit grant). */
  replicaUrl: string;
  /** A folder written by `pgbouncer init`: its primary aliases are moved to the promoted server. */
  pgbouncerDir?: string;
  /** Most replay lag accepted, ms; default 10000. */
  maxLagMs?: number;
  /** Promote even when further behind than `maxLagMs`. */
  force?: boolean;
  /** Stop after the checks. */
  dryRun?: boolean;
  /** Milliseconds for pg_promote and the first write, default 60000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: ReplicaEvent | PgbouncerEvent) => void;
}

/** What promoteReplica did: its plan, the new timeline, and PgBouncer repointed when one was given. */
export interface PromoteReplicaResult {
  plan: PromotePlan;
  promoted: boolean;
  /** Timeline the promoted server writes on (the old one + 1). */
  timeline: number | null;
  pgbouncer: { dir: string; aliases: string[]; changed: boolean } | null;
  /** The sandbox folder whose sandbox.json now names this server as primary, when it is a sandbox member. */
  sandboxDir: string | null;
}

const FACTS_SQL = `select pg_is_in_recovery() as in_recovery,
  (select status from pg_stat_wal_receiver) as receiver_status,
  pg_last_wal_receive_lsn()::text as received_lsn,
  pg_last_wal_replay_lsn()::text as replay_lsn,
  coalesce(greatest(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0), 0)::text as not_replayed,
  case when pg_last_wal_receive_lsn() is not distinct from pg_last_wal_replay_lsn() then 0
       else (extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000)::bigint end as replay_lag_ms`;

async function readPromoteFacts(client: PgClient): Promise<PromoteFacts> {
  const r = (await client.query(FACTS_SQL)).rows[0];
  return {
    inRecovery: r.in_recovery,
    receiverStatus: r.receiver_status,
    receivedLsn: r.received_lsn,
    replayLsn: r.replay_lsn,
    bytesNotReplayed: BigInt(r.not_replayed),
    replayLagMs: r.replay_lag_ms === null ? null : Number(r.replay_lag_ms),
  };
}

/**
 * Promotes a streaming standby to primary: checks it (planPromote: in recovery, has streamed,
 * replay lag within `maxLagMs` unless `force`), runs `pg_promote(wait => true)`, waits until
 * it assigns a transaction id (accepts writes), then, given `pgbouncerDir`, moves PgBouncer's
 * primary aliases to it with PAUSE → rewrite → RELOAD → RESUME so pooled clients wait instead
 * of failing. The old primary is not touched: stop it first, or it will still accept writes.
 * Errors: REPLICA_NOT_PROMOTABLE (nothing changed), REPLICA_PROMOTE_FAILED, PG_*,
 * REPLICA_PGBOUNCER_NOT_REPOINTED (promoted, but PgBouncer was not moved: details name the
 * `catdb pgbouncer repoint` command that finishes the job), ABORTED.
 */
export async function promoteReplica(options: PromoteReplicaOptions): Promise<PromoteReplicaResult> {
  requirePostgresUrl(options.replicaUrl);
  const emit = options.onEvent ?? (() => {});
  const signal = options.signal;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const target = redactUrl(options.replicaUrl);
  const result: PromoteReplicaResult = { plan: { ok: false, checks: [], lagBasis: '' }, promoted: false, timeline: null, pgbouncer: null, sandboxDir: null };
  const client = await connect(options.replicaUrl, { applicationName: 'catdb replica promote', timeoutMs: timeoutMs + 10_000, ...(signal ? { signal } : {}) });
  try {
    emit({ type: 'replica.step', step: 'check-candidate', status: 'start' });
    result.plan = planPromote(await readPromoteFacts(client), { maxLagMs: options.maxLagMs ?? 10_000, force: Boolean(options.force) });
    for (const check of result.plan.checks) emit({ type: 'replica.check', check });
    if (!result.plan.ok) {
      const failed = result.plan.checks.filter((c) => !c.ok);
      throw new CatdbError('REPLICA_NOT_PROMOTABLE', `${target} cannot be promoted: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`, {
        hint: 'Pick another standby or let this one catch up; --force accepts the lag (what it has not replayed is lost). Nothing was changed.',
        details: { checks: result.plan.checks, lagBasis: result.plan.lagBasis },
      });
    }
    emit({ type: 'replica.step', step: 'check-candidate', status: 'done', detail: `lag measured as ${result.plan.lagBasis}` });
    if (options.dryRun) return result;

    throwIfAborted(signal);
    emit({ type: 'replica.step', step: 'promote', status: 'start' });
    let promoted: boolean;
    try {
      promoted = (await client.query('select pg_promote(true, $1) as promoted', [Math.max(1, Math.ceil(timeoutMs / 1000))])).rows[0].promoted;
    } catch (err) {
      throw mapPgError(err, { what: 'pg_promote() failed', target });
    }
    if (!promoted) {
      throw new CatdbError('REPLICA_PROMOTE_FAILED', `${target} did not finish promotion within ${Math.round(timeoutMs / 1000)} s`, {
        hint: 'Read the standby server log; SELECT pg_is_in_recovery() there tells whether it has left recovery since.',
        details: { replica: target },
      });
    }
    result.promoted = true;
    emit({ type: 'replica.step', step: 'promote', status: 'done' });

    emit({ type: 'replica.step', step: 'wait-writable', status: 'start' });
    result.timeline = await waitWritable(client, target, Date.now() + timeoutMs, signal);
    emit({ type: 'replica.step', step: 'wait-writable', status: 'done', detail: `accepts writes on timeline ${result.timeline}` });
    result.sandboxDir = recordPromotion(String((await client.query("select current_setting('data_directory') as d")).rows[0].d)) ?? null;
    if (result.sandboxDir) emit({ type: 'replica.step', step: 'record-sandbox', status: 'done', detail: `${result.sandboxDir}/sandbox.json: this server is the primary now` });
  } finally {
    await client.end().catch(() => {});
  }

  if (options.pgbouncerDir) {
    emit({ type: 'replica.step', step: 'repoint-pgbouncer', status: 'start' });
    const url = parse(options.replicaUrl);
    let moved: { aliases: string[]; changed: boolean };
    try {
      moved = await repointPgbouncer({ dir: options.pgbouncerDir, to: { host: url.host ?? '127.0.0.1', port: Number(url.port ?? 5432) }, ...(signal ? { signal } : {}), onEvent: emit });
    } catch (err) {
      // The promotion stands whatever PgBouncer does: say so, and what finishes the job.
      throw pgbouncerNotRepointed(err, target, result.timeline, options.pgbouncerDir, options.replicaUrl);
    }
    result.pgbouncer = { dir: options.pgbouncerDir, ...moved };
    emit({ type: 'replica.step', step: 'repoint-pgbouncer', status: moved.changed ? 'done' : 'skipped', detail: `${moved.aliases.join(', ')} → ${url.host}:${url.port ?? 5432}` });
  }
  return result;
}

/** Polls until the server leaves recovery and hands out a transaction id; returns its timeline. */
async function waitWritable(client: PgClient, target: string, deadline: number, signal: AbortSignal | undefined): Promise<number> {
  let last: unknown;
  for (;;) {
    throwIfAborted(signal);
    try {
      const r = (await client.query('select pg_is_in_recovery() as in_recovery')).rows[0];
      if (!r.in_recovery) {
        await client.query('select pg_current_xact_id()');
        // The checkpoint after promotion may not have run yet: the WAL file name carries the timeline now.
        const tl = (await client.query(`select ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int as tl`)).rows[0].tl;
        return Number(tl);
      }
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new CatdbError('REPLICA_PROMOTE_FAILED', `${target} was promoted but does not accept writes yet`, {
        hint: 'Read its server log; default_transaction_read_only or a full disk keep a primary from writing.',
        details: { replica: target },
        ...(last ? { cause: last } : {}),
      });
    }
    await sleep(200);
  }
}
