import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError, throwIfAborted } from '../errors.js';
import { connect, type PgClient } from '../pg/connect.js';
import type { ReplicaEvent } from './types.js';

export interface StreamingConfirmation {
  /** pg_stat_replication.state of the walsender holding the slot. */
  primaryState: string;
  /** pg_stat_wal_receiver.status on the standby. */
  receiverStatus: string;
  walsenderPid: number;
}

async function primaryState(client: PgClient, slot: string): Promise<{ state: string; pid: number } | null> {
  const row = (
    await client.query('select r.state, r.pid from pg_replication_slots s join pg_stat_replication r on r.pid = s.active_pid where s.slot_name = $1', [slot])
  ).rows[0];
  return row ? { state: row.state, pid: row.pid } : null;
}

async function receiverStatus(standbyUrl: string): Promise<string | null> {
  let client: PgClient | undefined;
  try {
    client = await connect(standbyUrl, { applicationName: 'catdb replica init' });
    return (await client.query('select status from pg_stat_wal_receiver')).rows[0]?.status ?? null;
  } catch {
    return null;
  } finally {
    await client?.end().catch(() => {});
  }
}

/**
 * Polls until the primary shows a streaming walsender on `slot` and the standby's WAL
 * receiver says streaming: one side alone can lie (a receiver retrying, a stale walsender).
 * Errors: REPLICA_NOT_STREAMING after `timeoutMs` (default 120 s), ABORTED.
 */
export async function waitForStreaming(options: {
  primaryUrl: string;
  standbyUrl: string;
  slot: string;
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  onEvent?: ((e: ReplicaEvent) => void) | undefined;
}): Promise<StreamingConfirmation> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const client = await connect(options.primaryUrl, { applicationName: 'catdb replica init' });
  try {
    let last: { p: string | null; r: string | null } = { p: null, r: null };
    for (let i = 0; ; i++) {
      throwIfAborted(options.signal);
      const p = await primaryState(client, options.slot);
      const r = await receiverStatus(options.standbyUrl);
      last = { p: p?.state ?? null, r };
      if (p?.state === 'streaming' && r === 'streaming') return { primaryState: p.state, receiverStatus: r, walsenderPid: p.pid };
      if (i % 10 === 0) options.onEvent?.({ type: 'replica.waiting', primaryState: last.p, receiverStatus: last.r, elapsedMs: Date.now() - started });
      if (Date.now() - started > timeoutMs) {
        throw new CatdbError('REPLICA_NOT_STREAMING', `The standby did not start streaming within ${Math.round(timeoutMs / 1000)} s (primary: ${last.p ?? 'no walsender on the slot'}, standby receiver: ${last.r ?? 'not running'})`, {
          hint: "Check the standby's server.log for authentication or WAL errors.",
          details: { slot: options.slot, primaryState: last.p, receiverStatus: last.r },
        });
      }
      await sleep(250, undefined, options.signal ? { signal: options.signal } : undefined).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}
