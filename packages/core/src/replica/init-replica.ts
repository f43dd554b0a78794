import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'pg-connection-string';
import { CatdbError, throwIfAborted } from '../errors.js';
import { claimDir } from '../fs/claim-dir.js';
import { writeOwnerMark } from '../fs/owner-mark.js';
import { setOwnedDirMode } from '../fs/set-owned-dir-mode.js';
import { connect, type PgClient } from '../pg/connect.js';
import { requirePostgresUrl } from '../pg/require-postgres-url.js';
import { assertSafePath } from '../os/assert-safe-path.js';
import { findPgBinDir } from '../os/find-pg-bin.js';
import { findFreePort } from '../os/free-port.js';
import { chownTo, serverOsUser } from '../os/os-user.js';
import { writePgpassFile } from '../pg/pgpass.js';
import { runCommand } from '../os/run-command.js';
import { dropSlot, ensurePhysicalSlot, validateSlotName } from './apply-slot.js';
import { copyPrimaryConfig } from './copy-primary-config.js';
import { readPasswordFile } from './password-file.js';
import { planListen } from './plan-listen.js';
import { planPreflight } from './plan-preflight.js';
import { DEFAULT_REPLICATION_USER } from './prepare-primary.js';
import { readPreflightFacts } from './read-preflight-facts.js';
import { containsPassword, renderConninfo, renderStandbyAutoConf } from './render-standby-config.js';
import { startStandbyServer, stopStandbyServer } from './run-standby.js';
import { inspectStandbyDirs } from './inspect-standby-dirs.js';
import { isCatdbStandby, isServerRunning, readAutoConfSetting, standbySideDir } from './standby-files.js';
import type { PreflightCheck, ReplicaEvent } from './types.js';
import { waitForStreaming, type StreamingConfirmation } from './wait-for-streaming.js';

/** Options of initReplica. */
export interface InitReplicaOptions {
  /** Superuser URL of the primary (checks, slot); its host and port are what the standby connects to. */
  primaryUrl: string;
  /** The standby's data directory: absent or empty, or a standby this command made before (resumed). */
  dataDir: string;
  /** Physical slot name; default `catdb_<folder>_<hash of the path>`. */
  slot?: string;
  /** Port of the standby on this machine; default a free one (or the one it had when resuming). */
  port?: number;
  /**
   * `listen_addresses` of the standby, written to its own postgresql.auto.conf so it does not
   * inherit the primary's; default `127.0.0.1` (a resumed standby keeps what it has).
   */
  listen?: string;
  /** Default `catdb_replicator`. */
  replicationUser?: string;
  /** File with the replication role's password on its first line (0600). */
  passwordFile: string;
  /** Start the standby and wait until both sides confirm streaming. */
  start?: boolean;
  /** Stop after the preflight. */
  dryRun?: boolean;
  /** Extra standby settings for postgresql.auto.conf (checked against the primary's minimums). */
  settings?: Record<string, string | number | boolean>;
  binDir?: string;
  /** How long to wait for streaming after start, ms. Default 120000. */
  waitTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: ReplicaEvent) => void;
}

/** The standby initReplica made (or, with `dryRun`, would make): its slot, data folder, port and URL, and whether it streams. */
export interface InitReplicaResult {
  mode: 'fresh' | 'resume';
  dryRun: boolean;
  checks: PreflightCheck[];
  slot: string;
  slotCreated: boolean;
  dataDir: string;
  port: number;
  /** 0600 passfile the standby reads (`passfile=` in primary_conninfo); outside the data directory. */
  passfile: string;
  logFile: string;
  /** primary_conninfo as written: holds `passfile=`, never a password. */
  primaryConninfo: string;
  /** URL of the standby: the primary's with host and port replaced and any password left out (same roles, so the same passfile entry or password serves). */
  standbyUrl: string;
  started: boolean;
  streaming: StreamingConfirmation | null;
}

/** The slot name used when none is given: readable, and unique per data directory path. */
export function defaultSlotName(dataDir: string): string {
  const path = resolve(dataDir);
  const base = basename(path) === 'data' ? basename(dirname(path)) : basename(path);
  const clean = base.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'standby';
  return `catdb_${clean}_${createHash('sha256').update(path).digest('hex').slice(0, 6)}`;
}

/** The primary's URL pointed at the standby; `withPassword` only for our own connections, never for the result. */
function standbyUrlFor(primaryUrl: URL, host: string, port: number, withPassword: boolean): string {
  const u = new URL(primaryUrl);
  u.hostname = host;
  u.port = String(port);
  // The primary's connect_timeout and passfile apply; a `host=` would send us back to the primary.
  u.searchParams.delete('host');
  u.searchParams.delete('port');
  if (!withPassword) {
    u.password = '';
    for (const key of ['password', 'sslpassword']) u.searchParams.delete(key);
  }
  return u.toString();
}

/**
 * Builds a streaming standby of `primaryUrl` in `dataDir`: preflight (each check listed,
 * `dryRun` stops there), physical slot (created, or an inactive one reused), pg_basebackup
 * -X stream -S <slot> as the server OS user with a 0600 passfile (the password is never in
 * argv or environment), standby.signal and primary_conninfo with `passfile=` (verified to
 * hold no `password=`), the port and `listen` addresses; with `start`, starts it and waits until the primary's
 * walsender and the standby's receiver both say streaming. A data directory holding a
 * standby this command made for the same slot and primary is resumed, not rebuilt.
 *
 * The passfile and log go to `<dataDir>.catdb`, a folder marked `.catdb-owned` whose mark also
 * vouches for the data directory (so `removeReplica` can tell it is catdb's). Folders that
 * existed before (an empty data directory or side folder) are never chmod-ed or chown-ed: they
 * must already be 0700 and owned by the server user.
 *
 * On failure everything this run created (slot, data directory, side folder, running
 * server) is removed before the error is rethrown.
 * Errors: REPLICA_PREFLIGHT_FAILED (details.checks), REPLICA_BASEBACKUP_FAILED,
 * REPLICA_CONFIG, REPLICA_NOT_STREAMING, REPLICA_SLOT_ACTIVE, USAGE_INVALID_OPTION,
 * USAGE_INVALID_PATH, FS_NOT_OWNED, ABORTED.
 */
export async function initReplica(options: InitReplicaOptions): Promise<InitReplicaResult> {
  const emit = options.onEvent ?? (() => {});
  const signal = options.signal;
  const primaryUrl = requirePostgresUrl(options.primaryUrl);
  // Its passfile's path goes into primary_conninfo.
  const dataDir = assertSafePath(resolve(options.dataDir), 'standby data directory');
  const slot = validateSlotName(options.slot ?? defaultSlotName(dataDir));
  const user = options.replicationUser ?? DEFAULT_REPLICATION_USER;
  const binDir = options.binDir ?? findPgBinDir();
  const osUser = serverOsUser();
  const sideDir = standbySideDir(dataDir);
  const passfile = join(sideDir, 'pgpass');
  const logFile = join(sideDir, 'server.log');
  const existingPort = Number(readAutoConfSetting(dataDir, 'port'));
  const port = options.port ?? (Number.isInteger(existingPort) && existingPort > 0 ? existingPort : await findFreePort());
  const password = readPasswordFile(options.passwordFile);
  const primary = parse(options.primaryUrl);
  const primaryHost = primary.host ?? '127.0.0.1';
  const primaryPort = Number(primary.port ?? 5432);
  const sslmode = primaryUrl.searchParams.get('sslmode') ?? undefined;
  const primaryConninfo = renderConninfo({ host: primaryHost, port: primaryPort, user, passfile, application_name: slot, sslmode });
  const listen = planListen(options.listen ?? readAutoConfSetting(dataDir, 'listen_addresses') ?? '127.0.0.1');
  const standbyUrl = standbyUrlFor(primaryUrl, listen.connectHost, port, false);

  emit({ type: 'replica.step', step: 'preflight', status: 'start' });
  const facts = await readPreflightFacts({ primaryUrl: options.primaryUrl, replicationUser: user, password, slot, dataDir, port, binDir, osUser, standbySettings: options.settings ?? {}, signal });
  const plan = planPreflight(facts);
  for (const check of plan.checks) emit({ type: 'replica.check', check });
  const result: InitReplicaResult = {
    mode: plan.mode,
    dryRun: Boolean(options.dryRun),
    checks: plan.checks,
    slot,
    slotCreated: false,
    dataDir,
    port,
    passfile,
    logFile,
    primaryConninfo,
    standbyUrl,
    started: false,
    streaming: null,
  };
  if (!plan.ok) {
    const failed = plan.checks.filter((c) => !c.ok);
    throw new CatdbError('REPLICA_PREFLIGHT_FAILED', `Preflight failed: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`, {
      hint: 'Fix the checks marked FAIL, then re-run; nothing was changed.',
      details: { checks: plan.checks },
    });
  }
  inspectStandbyDirs(dataDir, plan.mode, osUser);
  emit({ type: 'replica.step', step: 'preflight', status: 'done', detail: plan.mode === 'resume' ? 'resuming the standby already in the data directory' : undefined });
  if (options.dryRun) return result;

  // What this run created, so a failure can undo exactly that and nothing else.
  const created = { slot: false, sideDir: undefined as string | undefined, dataDir: false, emptiedDataDir: false, started: false };
  let client: PgClient | undefined;
  try {
    client = await connect(options.primaryUrl, { applicationName: 'catdb replica init', ...(signal ? { signal } : {}) });
    if (plan.mode === 'resume' && facts.slot.active) {
      emit({ type: 'replica.step', step: 'create-slot', status: 'skipped', detail: `slot ${slot} is in use by this standby` });
    } else {
      emit({ type: 'replica.step', step: 'create-slot', status: 'start' });
      created.slot = await ensurePhysicalSlot(client, slot);
      result.slotCreated = created.slot;
      emit({ type: 'replica.step', step: 'create-slot', status: 'done', detail: created.slot ? `created ${slot}` : `reusing inactive slot ${slot}` });
    }

    emit({ type: 'replica.step', step: 'write-passfile', status: 'start' });
    const side = claimDir(sideDir, { createdBy: 'replica init', settle: { mode: 0o700, osUser }, legacy: () => isCatdbStandby(dataDir) });
    created.sideDir = side.created;
    // libpq ignores a passfile others can read, and the server user must own it to read it.
    writePgpassFile(passfile, [{ host: primaryHost, port: String(primaryPort), database: '*', user, password }]);
    chownTo(passfile, osUser);
    emit({ type: 'replica.step', step: 'write-passfile', status: 'done', detail: passfile });

    if (plan.mode === 'fresh') {
      throwIfAborted(signal);
      const adopted = existsSync(dataDir);
      if (adopted) created.emptiedDataDir = true;
      else {
        mkdirSync(dataDir, { mode: 0o700 });
        created.dataDir = true;
      }
      // A data directory cannot hold a mark (pg_basebackup wants it empty): the side folder's mark vouches for it.
      writeOwnerMark(sideDir, { createdBy: side.mark.createdBy, adopted: side.mark.adopted, vouchesFor: { path: dataDir, adopted } });
      setOwnedDirMode(sideDir, 0o700, osUser);
      setOwnedDirMode(dataDir, 0o700, osUser, { adopted });
      emit({ type: 'replica.step', step: 'base-backup', status: 'start' });
      const backupConninfo = renderConninfo({ host: primaryHost, port: primaryPort, user, passfile, sslmode });
      try {
        await runCommand(join(binDir, 'pg_basebackup'), ['-D', dataDir, '-d', backupConninfo, '-X', 'stream', '-S', slot, '-c', 'fast', '-w'], {
          user: osUser,
          cwd: '/',
          signal,
        });
      } catch (err) {
        if (err instanceof CatdbError && err.code === 'ABORTED') throw err;
        throw new CatdbError('REPLICA_BASEBACKUP_FAILED', `pg_basebackup failed: ${(err as Error).message}`, {
          hint: 'Check that the replication role can connect from this host (pg_hba.conf) and that the primary has free WAL senders.',
          details: { slot, dataDir },
          cause: err,
        });
      }
      emit({ type: 'replica.step', step: 'base-backup', status: 'done' });

      emit({ type: 'replica.step', step: 'write-config', status: 'start' });
      // A split-config primary's base backup holds no postgresql.conf: the standby gets its own.
      if (facts.primary && !facts.primary.configInsideDataDir) await copyPrimaryConfig(client, dataDir, osUser);
      const autoConf = join(dataDir, 'postgresql.auto.conf');
      const before = existsSync(autoConf) ? readFileSync(autoConf, 'utf8') : '';
      const text = renderStandbyAutoConf(before, { listen_addresses: listen.listenAddresses, ...options.settings, primary_conninfo: primaryConninfo, primary_slot_name: slot, port });
      writeFileSync(autoConf, text, { mode: 0o600 });
      chownTo(autoConf, osUser);
      if (containsPassword(readFileSync(autoConf, 'utf8'))) {
        throw new CatdbError('REPLICA_CONFIG', `${autoConf} contains a password= setting`, { hint: 'Remove it from the primary configuration; catdb only writes passfile=.', details: { file: autoConf } });
      }
      const signalFile = join(dataDir, 'standby.signal');
      writeFileSync(signalFile, '', { mode: 0o600 });
      chownTo(signalFile, osUser);
      emit({ type: 'replica.step', step: 'write-config', status: 'done', detail: `port ${port}, slot ${slot}` });
    } else {
      for (const step of ['base-backup', 'write-config'] as const) emit({ type: 'replica.step', step, status: 'skipped', detail: 'standby already in place' });
    }

    const running = isServerRunning(dataDir);
    if (options.start && !running) {
      emit({ type: 'replica.step', step: 'start-standby', status: 'start' });
      await startStandbyServer(binDir, dataDir, logFile, osUser, signal);
      created.started = plan.mode === 'fresh';
      result.started = true;
      emit({ type: 'replica.step', step: 'start-standby', status: 'done', detail: `${listen.connectHost}:${port}` });
    }
    if (options.start || running) {
      emit({ type: 'replica.step', step: 'wait-streaming', status: 'start' });
      result.streaming = await waitForStreaming({ primaryUrl: options.primaryUrl, standbyUrl: standbyUrlFor(primaryUrl, listen.connectHost, port, true), slot, timeoutMs: options.waitTimeoutMs, signal, onEvent: emit });
      emit({ type: 'replica.step', step: 'wait-streaming', status: 'done', detail: 'primary walsender and standby receiver both streaming' });
    }
    return result;
  } catch (err) {
    await undo();
    throw err;
  } finally {
    await client?.end().catch(() => {});
  }

  async function undo(): Promise<void> {
    const step = async (what: string, fn: () => Promise<unknown> | unknown): Promise<void> => {
      try {
        await fn();
        emit({ type: 'replica.cleanup', what, ok: true });
      } catch (e) {
        emit({ type: 'replica.cleanup', what, ok: false, detail: (e as Error).message });
      }
    };
    if (created.started) await step(`stop the standby in ${dataDir}`, () => stopStandbyServer(binDir, dataDir, osUser, 'immediate'));
    if (created.slot) {
      await step(`drop slot ${slot}`, async () => {
        const c = await connect(options.primaryUrl, { applicationName: 'catdb replica init cleanup' });
        try {
          await dropSlot(c, slot, 15_000);
        } finally {
          await c.end().catch(() => {});
        }
      });
    }
    if (created.dataDir) await step(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
    else if (created.emptiedDataDir) await step(`empty ${dataDir}`, () => readdirSync(dataDir).forEach((f) => rmSync(join(dataDir, f), { recursive: true, force: true })));
    if (created.sideDir) await step(`remove ${created.sideDir}`, () => rmSync(created.sideDir!, { recursive: true, force: true }));
  }
}
