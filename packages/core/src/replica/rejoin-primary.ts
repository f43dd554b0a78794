import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'pg-connection-string';
import { CatdbError, throwIfAborted } from '../errors.js';
import { claimDir } from '../fs/claim-dir.js';
import { isCatdbDir, notOwnedError, readOwnerMark } from '../fs/owner-mark.js';
import { connect } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { redactUrl } from '../pg/redact-url.js';
import { requirePostgresUrl } from '../pg/require-postgres-url.js';
import { childEnv } from '../os/child-env.js';
import { findPgBinDir } from '../os/find-pg-bin.js';
import { chownTo, serverOsUser } from '../os/os-user.js';
import { writePgpassFile } from '../pg/pgpass.js';
import { recordStandby } from './record-failover.js';
import { ensurePhysicalSlot, validateSlotName } from './apply-slot.js';
import { defaultSlotName } from './init-replica.js';
import { readPasswordFile } from './password-file.js';
import { DEFAULT_REPLICATION_USER } from './prepare-primary.js';
import { containsPassword, renderConninfo, renderStandbyAutoConf } from './render-standby-config.js';
import { runRewind } from './run-rewind.js';
import { startStandbyServer } from './run-standby.js';
import { isCatdbStandby, isServerRunning, readSystemIdentifier, standbySideDir } from './standby-files.js';
import type { ReplicaEvent } from './types.js';
import { waitForStreaming, type StreamingConfirmation } from './wait-for-streaming.js';

/** Options of rejoinPrimary. */
export interface RejoinPrimaryOptions {
  /** Data directory of the stopped old primary (one catdb created). */
  dataDir: string;
  /** Superuser URL of the new primary. */
  primaryUrl: string;
  /** File with the replication role's password (from prepare-primary). */
  passwordFile: string;
  replicationUser?: string;
  /** Physical slot on the new primary; default derived from the data directory, as replica init does. */
  slot?: string;
  binDir?: string;
  waitTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: ReplicaEvent) => void;
}

/** The old primary rejoinPrimary brought back as a standby: its slot, conninfo and streaming confirmation. */
export interface RejoinPrimaryResult {
  dataDir: string;
  slot: string;
  slotCreated: boolean;
  primaryConninfo: string;
  standbyUrl: string;
  streaming: StreamingConfirmation;
  /** The sandbox folder whose sandbox.json lists this server as a standby again, when it is a sandbox member. */
  sandboxDir: string | null;
}

/** True for a data directory catdb made: a standby of replica init, or the `data` of a local server folder catdb marked. */
function isCatdbDataDir(dataDir: string): boolean {
  return isCatdbStandby(dataDir) || readOwnerMark(standbySideDir(dataDir))?.vouchesFor?.path === dataDir || (basename(dataDir) === 'data' && isCatdbDir(dirname(dataDir)));
}

function controlFlags(binDir: string, dataDir: string): { walLogHints: boolean; checksums: boolean } {
  const out = execFileSync(join(binDir, 'pg_controldata'), [dataDir], { encoding: 'utf8', env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  return { walLogHints: /wal_log_hints setting:\s*on/.test(out), checksums: !/Data page checksum version:\s*0\b/.test(out) };
}

/** Host and port the started server answers on, from its postmaster.pid (port line 4, first listen address line 6). */
function pidAddress(dataDir: string): { host: string; port: number } {
  const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  const listen = (lines[5] ?? '').trim();
  return { host: listen === '' || listen === '*' || listen === '0.0.0.0' ? '127.0.0.1' : listen, port: Number(lines[3]) };
}

/**
 * Brings a failed primary back as a standby of the new one — only when asked, since it may hold
 * writes nobody else has: pg_rewind (which first recovers a server that crashed) takes it back
 * to the fork and copies what changed since; its own configuration files are kept. Then it
 * gets a passfile in `<dataDir>.catdb`, primary_conninfo with `passfile=`, a slot on the new
 * primary and standby.signal, is started and confirmed streaming. The data directory must be
 * one catdb created, stopped, and of the same cluster (system identifier) as the new primary.
 * Errors: REPLICA_CONFIG, REPLICA_REWIND_IMPOSSIBLE, REPLICA_REWIND_FAILED, REPLICA_NOT_STREAMING,
 * REPLICA_SLOT_ACTIVE, FS_NOT_OWNED, PG_*, ABORTED.
 */
export async function rejoinPrimary(options: RejoinPrimaryOptions): Promise<RejoinPrimaryResult> {
  const emit = options.onEvent ?? (() => {});
  const signal = options.signal;
  requirePostgresUrl(options.primaryUrl);
  const dataDir = resolve(options.dataDir);
  const binDir = options.binDir ?? findPgBinDir();
  const osUser = serverOsUser();
  const user = options.replicationUser ?? DEFAULT_REPLICATION_USER;
  const slot = validateSlotName(options.slot ?? defaultSlotName(dataDir));

  emit({ type: 'replica.step', step: 'preflight', status: 'start' });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new CatdbError('REPLICA_CONFIG', `${dataDir} is not a PostgreSQL data directory`, { hint: 'Pass the old primary\'s data directory as --data-dir.', details: { dataDir } });
  if (!isCatdbDataDir(dataDir)) throw notOwnedError(dataDir, `${dataDir} is not a data directory catdb created, so catdb will not rewind it`, 'Rewind it yourself with pg_rewind, or rebuild a standby with catdb replica init.');
  if (isServerRunning(dataDir)) throw new CatdbError('REPLICA_CONFIG', `The server in ${dataDir} is running`, { hint: `Stop it first (pg_ctl -D ${dataDir} stop); catdb does not stop a primary for you.`, details: { dataDir } });
  const password = readPasswordFile(options.passwordFile);
  const flags = controlFlags(binDir, dataDir);
  if (!flags.walLogHints && !flags.checksums) {
    throw new CatdbError('REPLICA_REWIND_IMPOSSIBLE', `pg_rewind cannot take ${dataDir} back: wal_log_hints is off and it has no data checksums`, {
      hint: 'Rebuild it as a new standby (move it away, then catdb replica init); set wal_log_hints = on on every server so that the next failover can rewind. Nothing was changed.',
      details: { dataDir },
    });
  }
  const client = await connect(options.primaryUrl, { applicationName: 'catdb replica rejoin', timeoutMs: 30_000, ...(signal ? { signal } : {}) });
  let slotCreated: boolean;
  try {
    const p = (await client.query('select pg_is_in_recovery() as r, (select system_identifier::text from pg_control_system()) as id')).rows[0];
    if (p.r) throw new CatdbError('REPLICA_CONFIG', `${redactUrl(options.primaryUrl)} is a standby`, { hint: 'Point --primary at the promoted server.' });
    if (readSystemIdentifier(binDir, dataDir) !== p.id) throw new CatdbError('REPLICA_CONFIG', `${dataDir} is not of the same cluster as ${redactUrl(options.primaryUrl)} (system identifiers differ)`, { hint: 'Only a former member of this cluster can rejoin it.', details: { dataDir } });
    emit({ type: 'replica.step', step: 'preflight', status: 'done' });
    emit({ type: 'replica.step', step: 'create-slot', status: 'start' });
    slotCreated = await ensurePhysicalSlot(client, slot);
    emit({ type: 'replica.step', step: 'create-slot', status: 'done', detail: slotCreated ? `created ${slot}` : `reusing inactive slot ${slot}` });
  } catch (err) {
    throwIfAborted(signal);
    throw mapPgError(err, { what: 'Could not prepare the new primary', target: redactUrl(options.primaryUrl) });
  } finally {
    await client.end().catch(() => {});
  }

  const sideDir = standbySideDir(dataDir);
  claimDir(sideDir, { createdBy: 'replica rejoin', settle: { mode: 0o700, osUser }, legacy: () => isCatdbStandby(dataDir) });
  emit({ type: 'replica.step', step: 'rewind', status: 'start' });
  await runRewind(binDir, dataDir, options.primaryUrl, osUser, signal);
  emit({ type: 'replica.step', step: 'rewind', status: 'done' });

  emit({ type: 'replica.step', step: 'write-config', status: 'start' });
  const to = parse(options.primaryUrl);
  const host = to.host ?? '127.0.0.1';
  const port = Number(to.port ?? 5432);
  const passfile = join(sideDir, 'pgpass');
  writePgpassFile(passfile, [{ host, port: String(port), database: '*', user, password }]);
  chownTo(passfile, osUser);
  const sslmode = new URL(options.primaryUrl).searchParams.get('sslmode') ?? undefined;
  const primaryConninfo = renderConninfo({ host, port, user, passfile, application_name: slot, sslmode });
  const autoConf = join(dataDir, 'postgresql.auto.conf');
  writeFileSync(autoConf, renderStandbyAutoConf(existsSync(autoConf) ? readFileSync(autoConf, 'utf8') : '', { primary_conninfo: primaryConninfo, primary_slot_name: slot }), { mode: 0o600 });
  chownTo(autoConf, osUser);
  if (containsPassword(readFileSync(autoConf, 'utf8'))) throw new CatdbError('REPLICA_CONFIG', `${autoConf} contains a password= setting`, { hint: 'Remove it; catdb only writes passfile=.', details: { file: autoConf } });
  const signalFile = join(dataDir, 'standby.signal');
  writeFileSync(signalFile, '', { mode: 0o600 });
  chownTo(signalFile, osUser);
  emit({ type: 'replica.step', step: 'write-config', status: 'done', detail: `${host}:${port}, slot ${slot}` });

  emit({ type: 'replica.step', step: 'start-standby', status: 'start' });
  await startStandbyServer(binDir, dataDir, join(sideDir, 'server.log'), osUser, signal);
  const at = pidAddress(dataDir);
  const standby = new URL(options.primaryUrl);
  standby.hostname = at.host;
  standby.port = String(at.port);
  emit({ type: 'replica.step', step: 'start-standby', status: 'done', detail: `${at.host}:${at.port}` });
  emit({ type: 'replica.step', step: 'wait-streaming', status: 'start' });
  const streaming = await waitForStreaming({ primaryUrl: options.primaryUrl, standbyUrl: standby.toString(), slot, timeoutMs: options.waitTimeoutMs, signal, onEvent: emit });
  emit({ type: 'replica.step', step: 'wait-streaming', status: 'done', detail: 'primary walsender and standby receiver both streaming' });
  const shown = new URL(standby);
  shown.password = '';
  const sandboxDir = recordStandby(dataDir, slot, shown.toString());
  if (sandboxDir) emit({ type: 'replica.step', step: 'record-sandbox', status: 'done', detail: `${sandboxDir}/sandbox.json: a standby again` });
  return { dataDir, slot, slotCreated, primaryConninfo, standbyUrl: shown.toString(), streaming, sandboxDir: sandboxDir ?? null };
}
