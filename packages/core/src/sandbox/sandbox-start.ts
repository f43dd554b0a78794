import { dirname, join, resolve } from 'node:path';
import { throwIfAborted } from '../errors.js';
import { claimDir } from '../fs/claim-dir.js';
import { initReplica } from '../replica/init-replica.js';
import { preparePrimary } from '../replica/prepare-primary.js';
import type { ReplicaEvent } from '../replica/types.js';
import { assertSafePath } from '../os/assert-safe-path.js';
import { isReachableBy, serverOsUser } from '../os/os-user.js';
import { isLegacySandboxDir, readSandboxState, writeSandboxState, type SandboxReplica, type SandboxState } from '../topology/sandbox-state.js';
import { startLocalPostgres } from '../local/start-postgres.js';
import { startSandboxPgbouncer } from './sandbox-pgbouncer.js';
import { hasFailedOver, restartFailedOver } from './restart-failed-over.js';
import { CatdbError } from '../errors.js';

/** Progress of startSandbox: the replica events of its standbys, and each server starting and ready. */
export type SandboxEvent = ReplicaEvent | { type: 'sandbox.server'; name: string; status: 'starting' | 'ready'; port?: number };

/** Options of startSandbox. */
export interface StartSandboxOptions {
  /**
   * Folder for everything (created 0755 so the server user can reach the members, and marked
   * `.catdb-owned`). An existing folder catdb did not create is used only when empty.
   */
  dir: string;
  /** Streaming replicas to run, default 1. Existing ones are kept; missing ones are added. */
  replicas?: number;
  /** Also run a PgBouncer in front of them (`services.pgbouncer` in sandbox.json). */
  pgbouncer?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: SandboxEvent) => void;
}

const REPLICATION_USER = 'catdb_replicator';

/**
 * Runs a local primary and `replicas` streaming standbys under `dir`, all on 127.0.0.1, using
 * the same code as `catdb replica prepare-primary` and `init --start`. Re-running starts what
 * is stopped and adds missing replicas; on a sandbox that failed over it only starts the members
 * as sandbox.json records them (restartFailedOver). Records `<dir>/sandbox.json` (no secrets).
 * Errors: SANDBOX_*, REPLICA_*, USAGE_INVALID_PATH, FS_NOT_OWNED (a non-empty folder catdb did not create).
 */
export async function startSandbox(options: StartSandboxOptions): Promise<SandboxState> {
  // Replica data directories and the PgBouncer folder under it end up in configuration files.
  const dir = assertSafePath(resolve(options.dir), 'sandbox folder');
  const emit = options.onEvent ?? (() => {});
  const wanted = options.replicas ?? 1;
  const osUser = serverOsUser();
  if (!isReachableBy(dir, osUser)) {
    throw new CatdbError('SANDBOX_DIR_UNREACHABLE', `The postgres OS user cannot reach ${dir}`, { hint: 'Use a folder under /tmp or another world-traversable path (--dir).', details: { dir } });
  }
  claimDir(dir, { createdBy: 'sandbox up', mode: 0o755, legacy: isLegacySandboxDir, hint: `Choose another --dir, or move the files in ${dir} away yourself.` });
  const previous = readSandboxState(dir);
  if (previous && hasFailedOver(previous)) {
    for (const name of await restartFailedOver(previous, options.replicas ?? 0, options.signal)) emit({ type: 'sandbox.server', name, status: 'ready' });
    return readSandboxState(dir) ?? previous;
  }
  // Members a catdb from before marks made: folders with catdb's names in a sandbox folder.
  const inSandbox = (p: string): boolean => isLegacySandboxDir(dirname(p));

  emit({ type: 'sandbox.server', name: 'primary', status: 'starting' });
  const primary = await startLocalPostgres({
    dir: join(dir, 'primary'),
    ...(previous ? { port: previous.primary.port } : {}),
    // Enough senders/slots for a base backup plus every replica; fsync off: this is a sandbox.
    // wal_log_hints (copied to the replicas with catdb.conf) lets a failover drill end with
    // replica rejoin of the old primary: pg_rewind needs it, or checksums.
    settings: { wal_level: 'replica', max_wal_senders: Math.max(10, wanted + 4), max_replication_slots: Math.max(10, wanted + 2), wal_log_hints: true, fsync: false, synchronous_commit: false },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const primaryUrl = `${primary.url}?passfile=${primary.passfile.replace(/[^A-Za-z0-9/._~-]/g, (c) => encodeURIComponent(c))}`;
  emit({ type: 'sandbox.server', name: 'primary', status: 'ready', port: primary.port });

  const secrets = join(dir, 'secrets');
  claimDir(secrets, { createdBy: 'sandbox up', settle: { mode: 0o700, osUser: undefined }, legacy: inSandbox });
  const passwordFile = join(secrets, `${REPLICATION_USER}.password`);
  await preparePrimary({ primaryUrl, replicationUser: REPLICATION_USER, passwordFile, allowFrom: '127.0.0.1/32', maxSlotWalKeepSize: '1GB', onEvent: emit, ...(options.signal ? { signal: options.signal } : {}) });

  const state: SandboxState = {
    version: 1,
    createdAt: previous?.createdAt ?? new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    dir,
    primary: { name: 'primary', dir: primary.dir, dataDir: primary.dataDir, port: primary.port, url: primaryUrl },
    replicationUser: REPLICATION_USER,
    passwordFile,
    replicas: [],
    services: previous?.services ?? {},
  };
  writeSandboxState(dir, state);
  const count = Math.max(wanted, previous?.replicas.length ?? 0);
  for (let i = 1; i <= count; i++) {
    throwIfAborted(options.signal);
    const name = `replica${i}`;
    const known = previous?.replicas.find((r) => r.name === name);
    emit({ type: 'sandbox.server', name, status: 'starting' });
    const replicaDir = join(dir, name);
    claimDir(replicaDir, { createdBy: 'sandbox up', mode: 0o755, legacy: inSandbox });
    const result = await initReplica({
      primaryUrl,
      dataDir: join(replicaDir, 'data'),
      slot: `sandbox_${name}`,
      passwordFile,
      replicationUser: REPLICATION_USER,
      start: true,
      settings: { listen_addresses: '127.0.0.1' },
      ...(known ? { port: known.port } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: emit,
    });
    const replica: SandboxReplica = { name, dir: replicaDir, dataDir: result.dataDir, port: result.port, slot: result.slot, url: result.standbyUrl };
    state.replicas.push(replica);
    writeSandboxState(dir, state);
    emit({ type: 'sandbox.server', name, status: 'ready', port: result.port });
  }
  if (options.pgbouncer) {
    emit({ type: 'sandbox.server', name: 'pgbouncer', status: 'starting' });
    const pgbouncer = await startSandboxPgbouncer(state, options.signal ? { signal: options.signal } : {});
    state.services = { ...state.services, pgbouncer };
    writeSandboxState(dir, state);
    emit({ type: 'sandbox.server', name: 'pgbouncer', status: 'ready', port: pgbouncer.port });
  }
  return state;
}
