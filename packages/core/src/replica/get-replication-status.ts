import { connect, type PgClient } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { redactUrl } from '../pg/redact-url.js';
import { throwIfAborted } from '../errors.js';
import { DEFAULT_CHECK_TIMEOUT_MS } from '../monitoring/default-check-timeout.js';
import { PRIMARY_SQL, REPLICA_SQL, SLOTS_SQL, STANDBYS_SQL } from './replication-queries.js';
import type { PrimarySide, ReplicaSide, ReplicationStatus, SlotOnPrimary, StandbyOnPrimary } from './types.js';

/** Options of getReplicationStatus: the primary, the standbys to ask, and a deadline. */
export interface ReplicationStatusOptions {
  /** URL of the primary (password from the URL, PGPASSFILE or ~/.pgpass). Needs superuser or pg_monitor to see LSNs. */
  primaryUrl: string;
  /** Standby URLs to ask for their side of the story (receiver state, timeline, replay). */
  replicaUrls?: readonly string[];
  /**
   * Milliseconds for the whole snapshot, default 10000: connecting (also bounded by each URL's
   * `connect_timeout` / PGCONNECT_TIMEOUT) and every query. The primary and the standbys are
   * read at the same time, each within it.
   */
  timeoutMs?: number;
  signal?: AbortSignal;
}


const big = (v: string | null): bigint | null => (v === null ? null : BigInt(v));
const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** Reads the primary's side (current LSN, timeline, standbys, slots) over an open client. */
async function readPrimarySide(client: PgClient, url: string): Promise<Omit<ReplicationStatus, 'replicas' | 'collectedAt'>> {
  const p = (await client.query(PRIMARY_SQL)).rows[0];
  const primary: PrimarySide = {
    url: redactUrl(url),
    serverVersionNum: p.version_num,
    inRecovery: p.in_recovery,
    currentLsn: p.current_lsn,
    timeline: Number(p.timeline),
    systemIdentifier: p.system_id,
  };
  const standbys: StandbyOnPrimary[] = (await client.query(STANDBYS_SQL)).rows.map((r) => ({
    pid: r.pid,
    applicationName: r.application_name,
    clientAddr: r.client_addr,
    state: r.state,
    syncState: r.sync_state,
    slotName: r.slot_name,
    sentLsn: r.sent_lsn,
    writeLsn: r.write_lsn,
    flushLsn: r.flush_lsn,
    replayLsn: r.replay_lsn,
    bytesNotSent: big(r.not_sent),
    bytesNotWritten: big(r.not_written),
    bytesNotFlushed: big(r.not_flushed),
    bytesNotReplayed: big(r.not_replayed),
    writeLagUs: num(r.write_lag_us),
    flushLagUs: num(r.flush_lag_us),
    replayLagUs: num(r.replay_lag_us),
    replyAt: r.reply_time,
  }));
  const slots: SlotOnPrimary[] = (await client.query(SLOTS_SQL)).rows.map((r) => ({
    slotName: r.slot_name,
    slotType: r.slot_type,
    active: r.active,
    activePid: r.active_pid,
    restartLsn: r.restart_lsn,
    walStatus: r.wal_status,
    retainedWalBytes: big(r.retained),
    safeWalSizeBytes: big(r.safe_wal_size),
  }));
  return { primary, standbys, slots };
}

/** Reads one standby's own view within `timeoutMs`; an unreachable or silent standby is reported, not thrown. */
async function readReplicaSide(url: string, signal?: AbortSignal, timeoutMs = DEFAULT_CHECK_TIMEOUT_MS): Promise<ReplicaSide> {
  const base: ReplicaSide = {
    url: redactUrl(url),
    reachable: false,
    inRecovery: null,
    receiverStatus: null,
    receiverPid: null,
    slotName: null,
    senderHost: null,
    senderPort: null,
    timeline: null,
    receivedLsn: null,
    replayLsn: null,
    bytesReceivedNotReplayed: null,
    lastReplayAgeUs: null,
  };
  let client: PgClient | undefined;
  try {
    client = await connect(url, { applicationName: 'catdb replica status', timeoutMs, ...(signal ? { signal } : {}) });
    const r = (await client.query(REPLICA_SQL)).rows[0];
    return {
      ...base,
      reachable: true,
      inRecovery: r.in_recovery,
      receiverStatus: r.status,
      receiverPid: r.pid,
      slotName: r.slot_name,
      senderHost: r.sender_host,
      senderPort: r.sender_port,
      timeline: num(r.timeline),
      receivedLsn: r.received_lsn,
      replayLsn: r.replay_lsn,
      bytesReceivedNotReplayed: big(r.received_not_replayed),
      lastReplayAgeUs: num(r.last_replay_age_us),
    };
  } catch (err) {
    throwIfAborted(signal);
    return { ...base, error: mapPgError(err, { what: 'Could not read the standby', target: redactUrl(url) }).message };
  } finally {
    await client?.end().catch(() => {});
  }
}

async function readPrimary(url: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<Awaited<ReturnType<typeof readPrimarySide>>> {
  const client = await connect(url, { applicationName: 'catdb replica status', timeoutMs, ...(signal ? { signal } : {}) });
  try {
    return await readPrimarySide(client, url);
  } catch (err) {
    throwIfAborted(signal);
    throw mapPgError(err, { what: 'Could not read replication status', target: redactUrl(url) });
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * One snapshot of replication: the primary's walsenders and slots with exact byte
 * distances, and each given standby's receiver, timeline and replay position, all read
 * within `timeoutMs`. Read-only. Errors: PG_UNREACHABLE / PG_AUTH_FAILED / PG_TIMEOUT for
 * the primary (standby failures are reported in `replicas[i].error`), ABORTED.
 */
export async function getReplicationStatus(options: ReplicationStatusOptions): Promise<ReplicationStatus> {
  throwIfAborted(options.signal);
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  // Side by side, so a silent standby cannot spend the primary's time, nor the other way round.
  const [primarySide, replicas] = await Promise.all([
    readPrimary(options.primaryUrl, timeoutMs, options.signal),
    Promise.all((options.replicaUrls ?? []).map((url) => readReplicaSide(url, options.signal, timeoutMs))),
  ]);
  return { collectedAt: new Date().toISOString(), ...primarySide, replicas };
}
