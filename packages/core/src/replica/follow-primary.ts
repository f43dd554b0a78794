import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'pg-connection-string';
import { CatdbError, throwIfAborted } from '../errors.js';
import { notOwnedError } from '../fs/owner-mark.js';
import { connect, type PgClient } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { redactUrl } from '../pg/redact-url.js';
import { requirePostgresUrl } from '../pg/require-postgres-url.js';
import { findPgBinDir } from '../os/find-pg-bin.js';
import { chownTo, serverOsUser } from '../os/os-user.js';
import { lookupPgpass, writePgpassFile } from '../pg/pgpass.js';
import { findSandboxOf, recordStandby } from './record-failover.js';
import { ensurePhysicalSlot } from './apply-slot.js';
import { parseConninfo } from './parse-conninfo.js';
import { planFollow, type FollowPlan } from './plan-follow.js';
import { containsPassword, renderConninfo, renderStandbyAutoConf } from './render-standby-config.js';
import { runRewind } from './run-rewind.js';
import { startStandbyServer, stopStandbyServer } from './run-standby.js';
import { isCatdbStandby, readAutoConfSetting, standbySideDir } from './standby-files.js';
import type { ReplicaEvent } from './types.js';
import { waitForStreaming, type StreamingConfirmation } from './wait-for-streaming.js';

/** Options of followPrimary. */
export interface FollowPrimaryOptions {
  /** Superuser URL of the standby to repoint (it must be running, so its position can be read). */
  replicaUrl: string;
  /** Superuser URL of the new primary; its host and port go into primary_conninfo. */
  primaryUrl: string;
  /** The standby's data directory; default what the standby reports (SHOW data_directory). */
  dataDir?: string;
  binDir?: string;
  /** Milliseconds to wait for streaming after the restart, default 120000. */
  waitTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: ReplicaEvent) => void;
}

/** The standby followPrimary pointed at the new primary: its slot, conninfo and streaming confirmation. */
export interface FollowPrimaryResult {
  dataDir: string;
  slot: string;
  slotCreated: boolean;
  plan: FollowPlan;
  primaryConninfo: string;
  streaming: StreamingConfirmation;
  /** The sandbox folder whose sandbox.json lists this standby, when it is a sandbox member. */
  sandboxDir: string | null;
}

// Where the standby will have replayed to: WAL received but not yet replayed is replayed before
// it stops, so a fork is judged on the greater of the two positions.
const STANDBY_SQL = `select pg_is_in_recovery() as in_recovery, current_setting('data_directory') as data_directory,
  greatest(pg_last_wal_replay_lsn(), coalesce(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()))::text as replay_lsn, (select timeline_id from pg_control_checkpoint()) as timeline,
  current_setting('wal_log_hints') = 'on' as wal_log_hints, current_setting('data_checksums') = 'on' as data_checksums`;

const PRIMARY_SQL = `select pg_is_in_recovery() as in_recovery,
  ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int as timeline`;

async function query<T>(url: string, sql: string, what: string, signal: AbortSignal | undefined, fn?: (c: PgClient) => Promise<T>): Promise<T> {
  const client = await connect(url, { applicationName: 'catdb replica follow', timeoutMs: 30_000, ...(signal ? { signal } : {}) });
  try {
    return fn ? await fn(client) : ((await client.query(sql)).rows[0] as T);
  } catch (err) {
    throwIfAborted(signal);
    throw mapPgError(err, { what, target: redactUrl(url) });
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Repoints a standby catdb made at a new primary (after `promoteReplica`): decides from the
 * timelines whether it can simply follow or forked (planFollow; pg_rewind then, refused when
 * neither wal_log_hints nor checksums are on), creates its slot on the new primary, writes the
 * new primary's address into its passfile and primary_conninfo (`passfile=`, never a password),
 * stops it, rewinds if needed, starts it and waits until both sides say streaming. Its own
 * settings (port, listen_addresses…) survive a rewind, which copies the primary's files over.
 * Errors: REPLICA_CONFIG, REPLICA_REWIND_IMPOSSIBLE, REPLICA_REWIND_FAILED, REPLICA_NOT_STREAMING,
 * REPLICA_SLOT_ACTIVE, FS_NOT_OWNED, PG_*, ABORTED.
 */
export async function followPrimary(options: FollowPrimaryOptions): Promise<FollowPrimaryResult> {
  const emit = options.onEvent ?? (() => {});
  const signal = options.signal;
  requirePostgresUrl(options.replicaUrl);
  requirePostgresUrl(options.primaryUrl);
  const binDir = options.binDir ?? findPgBinDir();
  const osUser = serverOsUser();

  emit({ type: 'replica.step', step: 'preflight', status: 'start' });
  const standby = await query<Record<string, unknown>>(options.replicaUrl, STANDBY_SQL, 'Could not read the standby', signal);
  if (!standby.in_recovery) {
    throw new CatdbError('REPLICA_CONFIG', `${redactUrl(options.replicaUrl)} is not a standby (it is not in recovery)`, { hint: 'Give --replica the standby to repoint; a former primary comes back with catdb replica rejoin.' });
  }
  const dataDir = resolve(options.dataDir ?? String(standby.data_directory));
  if (!isCatdbStandby(dataDir)) {
    throw notOwnedError(dataDir, `${dataDir} is not a standby catdb replica init made, so catdb will not rewrite its configuration`, 'Repoint it yourself (primary_conninfo, primary_slot_name), or pass --data-dir if the server reports another path than this machine sees.');
  }
  const primary = await query<{ in_recovery: boolean; timeline: number }>(options.primaryUrl, PRIMARY_SQL, 'Could not read the new primary', signal);
  if (primary.in_recovery) throw new CatdbError('REPLICA_CONFIG', `${redactUrl(options.primaryUrl)} is still a standby`, { hint: 'Promote it first: catdb replica promote --replica <its URL>.' });
  const historyFile = `pg_wal/${primary.timeline.toString(16).toUpperCase().padStart(8, '0')}.history`;
  const history = primary.timeline === 1 ? '' : await query(options.primaryUrl, '', 'Could not read the timeline history of the new primary', signal, async (c) => String((await c.query('select pg_read_file($1) as h', [historyFile])).rows[0].h));
  const plan = planFollow({
    standbyTimeline: Number(standby.timeline),
    standbyReplayLsn: String(standby.replay_lsn),
    primaryTimeline: Number(primary.timeline),
    history,
    walLogHints: Boolean(standby.wal_log_hints),
    dataChecksums: Boolean(standby.data_checksums),
  });
  const slot = readAutoConfSetting(dataDir, 'primary_slot_name');
  const old = parseConninfo(readAutoConfSetting(dataDir, 'primary_conninfo') ?? '');
  const passfile = join(standbySideDir(dataDir), 'pgpass');
  const user = old.user;
  const password = user && old.host && old.port ? lookupPgpass(passfile, old.host, old.port, 'replication', user) : undefined;
  if (!slot || !user || password === undefined) {
    throw new CatdbError('REPLICA_CONFIG', `${dataDir} lacks what catdb replica init wrote (primary_slot_name, primary_conninfo or its passfile entry)`, { hint: 'Rebuild the standby with catdb replica init against the new primary.', details: { dataDir } });
  }
  emit({ type: 'replica.step', step: 'preflight', status: 'done', detail: plan.reason });

  const to = parse(options.primaryUrl);
  const host = to.host ?? '127.0.0.1';
  const port = Number(to.port ?? 5432);
  const sslmode = new URL(options.primaryUrl).searchParams.get('sslmode') ?? undefined;
  const primaryConninfo = renderConninfo({ host, port, user, passfile, application_name: slot, sslmode });

  emit({ type: 'replica.step', step: 'create-slot', status: 'start' });
  const slotCreated = await query(options.primaryUrl, '', 'Could not create the slot on the new primary', signal, (c) => ensurePhysicalSlot(c, slot));
  emit({ type: 'replica.step', step: 'create-slot', status: 'done', detail: slotCreated ? `created ${slot}` : `reusing inactive slot ${slot}` });

  throwIfAborted(signal);
  emit({ type: 'replica.step', step: 'stop-standby', status: 'start' });
  await stopStandbyServer(binDir, dataDir, osUser, 'fast');
  emit({ type: 'replica.step', step: 'stop-standby', status: 'done' });

  if (plan.rewind) {
    emit({ type: 'replica.step', step: 'rewind', status: 'start', detail: plan.reason });
    await runRewind(binDir, dataDir, options.primaryUrl, osUser, signal);
    emit({ type: 'replica.step', step: 'rewind', status: 'done' });
  }
  // Without the new timeline's history at start, the standby replays its own WAL of the old
  // timeline past the fork before it asks the primary, and then cannot follow. pg_rewind finds
  // nothing to do when no page past the fork reached disk (a standby's minRecoveryPoint lags),
  // so this is needed after a rewind too.
  const localHistory = join(dataDir, historyFile);
  if (history !== '' && !existsSync(localHistory)) {
    writeFileSync(localHistory, history, { mode: 0o600 });
    chownTo(localHistory, osUser);
  }

  emit({ type: 'replica.step', step: 'write-config', status: 'start' });
  const autoConf = join(dataDir, 'postgresql.auto.conf');
  writePgpassFile(passfile, [{ host, port: String(port), database: '*', user, password }]);
  chownTo(passfile, osUser);
  writeFileSync(autoConf, renderStandbyAutoConf(readFileSync(autoConf, 'utf8'), { primary_conninfo: primaryConninfo, primary_slot_name: slot }), { mode: 0o600 });
  chownTo(autoConf, osUser);
  if (containsPassword(readFileSync(autoConf, 'utf8'))) {
    throw new CatdbError('REPLICA_CONFIG', `${autoConf} contains a password= setting`, { hint: 'Remove it; catdb only writes passfile=.', details: { file: autoConf } });
  }
  const signalFile = join(dataDir, 'standby.signal');
  if (!existsSync(signalFile)) {
    writeFileSync(signalFile, '', { mode: 0o600 });
    chownTo(signalFile, osUser);
  }
  emit({ type: 'replica.step', step: 'write-config', status: 'done', detail: `${host}:${port}, slot ${slot}` });

  emit({ type: 'replica.step', step: 'start-standby', status: 'start' });
  await startStandbyServer(binDir, dataDir, join(standbySideDir(dataDir), 'server.log'), osUser, signal);
  emit({ type: 'replica.step', step: 'start-standby', status: 'done' });
  emit({ type: 'replica.step', step: 'wait-streaming', status: 'start' });
  const streaming = await waitForStreaming({ primaryUrl: options.primaryUrl, standbyUrl: options.replicaUrl, slot, timeoutMs: options.waitTimeoutMs, signal, onEvent: emit });
  emit({ type: 'replica.step', step: 'wait-streaming', status: 'done', detail: 'primary walsender and standby receiver both streaming' });
  const member = findSandboxOf(dataDir)?.replicas.find((r) => r.dataDir === dataDir);
  const sandboxDir = member ? recordStandby(dataDir, slot, member.url) : undefined;
  if (sandboxDir) emit({ type: 'replica.step', step: 'record-sandbox', status: 'done', detail: `${sandboxDir}/sandbox.json: a standby of the new primary` });
  return { dataDir, slot, slotCreated, plan, primaryConninfo, streaming, sandboxDir: sandboxDir ?? null };
}
