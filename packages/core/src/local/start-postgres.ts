import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatdbError, throwIfAborted } from '../errors.js';
import { claimDir } from '../fs/claim-dir.js';
import { findPgBinDir } from '../os/find-pg-bin.js';
import { findFreePort, isPortInUse } from '../os/free-port.js';
import { chownTo, isReachableBy, serverOsUser, type OsUser } from '../os/os-user.js';
import { lookupPgpass, writePgpassFile } from '../pg/pgpass.js';
import { runCommand } from '../os/run-command.js';
import { isServerRunning } from '../os/is-server-running.js';
import { isLegacyServerDir } from './is-legacy-server-dir.js';
import { startPostmaster } from '../os/start-postmaster.js';

/** Options of startLocalPostgres. */
export interface StartPostgresOptions {
  /** Folder for the server: `data/`, `server.log`, `pgpass`. Created when absent. */
  dir: string;
  /** TCP port on 127.0.0.1; default: the port used last time, else a free one. */
  port?: number;
  /** Extra postgresql.conf settings, written to `catdb.conf` on every start. */
  settings?: Record<string, string | number | boolean>;
  /** Folder with initdb/pg_ctl; default: found on the machine. */
  binDir?: string;
  signal?: AbortSignal;
}

/** A PostgreSQL server catdb started (or found running) from a folder of its own. */
export interface LocalPostgres {
  dir: string;
  dataDir: string;
  port: number;
  host: string;
  user: string;
  /** libpq passfile (0600) holding the superuser password; never printed. */
  passfile: string;
  /** URL without the password: pair it with `PGPASSFILE=<passfile>`. */
  url: string;
  binDir: string;
  osUser: OsUser | undefined;
  /** Whether this call started the server (false when it was already running). */
  started: boolean;
  /** Connection settings for node-postgres, password included. */
  connection(database?: string): { host: string; port: number; user: string; password: string; database: string };
  stop(signal?: AbortSignal): Promise<void>;
}

/** The role a server catdb starts is initialised with, the one its passfile names. */
export const SUPERUSER = 'postgres';
const HOST = '127.0.0.1';

function formatSetting(value: string | number | boolean): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return `'${value.replaceAll("'", "''")}'`;
}

function readPidPort(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  // Line 4 of postmaster.pid is the port (see src/include/utils/pidfile.h).
  const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}


/**
 * Starts (or reuses) a PostgreSQL server under `dir`, listening on 127.0.0.1 only, with
 * SCRAM authentication and a generated superuser password kept in a 0600 passfile.
 * Runs the server as the `postgres` OS user when called as root.
 *
 * Side effects: creates `dir` (0700, marked `.catdb-owned`), runs initdb on first use, starts
 * the server. A folder catdb did not create is used only when empty and already 0700 and owned
 * by the server user. Errors: SANDBOX_NO_SERVER_BINARIES, SANDBOX_START_FAILED,
 * SANDBOX_DIR_UNREACHABLE, FS_NOT_OWNED.
 */
export async function startLocalPostgres(options: StartPostgresOptions): Promise<LocalPostgres> {
  const dir = resolve(options.dir);
  const dataDir = join(dir, 'data');
  const passfile = join(dir, 'pgpass');
  const logFile = join(dir, 'server.log');
  const binDir = options.binDir ?? findPgBinDir();
  const osUser = serverOsUser();
  const signal = options.signal;

  if (!isReachableBy(dir, osUser)) {
    throw new CatdbError('SANDBOX_DIR_UNREACHABLE', `The ${osUser?.name} OS user cannot reach ${dir} (a folder above it is private)`, {
      hint: 'PostgreSQL refuses to run as root, so it runs as that user: choose a folder every parent of which is traversable (e.g. under /tmp or /var/lib).',
      details: { dir },
    });
  }
  // Everything below (even the leftover of a failed initdb) may be deleted: only in a folder that is catdb's.
  claimDir(dir, { createdBy: 'catdb local server', settle: { mode: 0o700, osUser }, legacy: isLegacyServerDir, hint: `Point catdb at a folder that does not exist yet, or move the files in ${dir} away yourself.` });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throwIfAborted(signal);
    rmSync(dataDir, { recursive: true, force: true });
    const password = randomBytes(24).toString('base64url');
    const pwfile = join(dir, '.initdb-pw');
    writeFileSync(pwfile, password + '\n', { mode: 0o600 });
    chownTo(pwfile, osUser);
    try {
      await runCommand(
        join(binDir, 'initdb'),
        ['-D', dataDir, '-U', SUPERUSER, '--pwfile', pwfile, '--auth-host=scram-sha-256', '--auth-local=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
        { user: osUser, cwd: dir, signal },
      );
    } catch (err) {
      rmSync(dataDir, { recursive: true, force: true });
      throw err;
    } finally {
      rmSync(pwfile, { force: true });
    }
    writePgpassFile(passfile, [
      { host: HOST, port: '*', database: '*', user: SUPERUSER, password },
      { host: 'localhost', port: '*', database: '*', user: SUPERUSER, password },
    ]);
    const conf = join(dataDir, 'postgresql.conf');
    writeFileSync(conf, readFileSync(conf, 'utf8') + "\ninclude_if_exists = 'catdb.conf'\n");
  }
  const password = lookupPgpass(passfile, HOST, '*', '*', SUPERUSER);
  if (password === undefined) {
    throw new CatdbError('SANDBOX_START_FAILED', `The passfile ${passfile} is missing or has no entry for ${SUPERUSER}`, {
      hint: `Remove ${dir} to create a fresh server, or restore the passfile.`,
      details: { dir },
    });
  }

  let started = false;
  let port: number;
  if (isServerRunning(dataDir)) {
    port = readPidPort(dataDir) ?? 0;
  } else {
    throwIfAborted(signal);
    port = options.port ?? readPidPort(dataDir) ?? (await findFreePort());
    if (!options.port && (await isPortInUse(port))) port = await findFreePort();
    const settings: Record<string, string | number | boolean> = {
      port,
      listen_addresses: HOST,
      unix_socket_directories: '',
      ...options.settings,
    };
    const confFile = join(dataDir, 'catdb.conf');
    writeFileSync(
      confFile,
      '# Written by catdb on every start; edit settings through catdb or postgresql.auto.conf.\n' +
        Object.entries(settings).map(([k, v]) => `${k} = ${formatSetting(v)}`).join('\n') + '\n',
    );
    chownTo(confFile, osUser);
    await startPostmaster({ binDir, dataDir, logFile, osUser, timeoutMs: 60_000, signal });
    started = true;
  }

  const connection = (database = 'postgres') => ({ host: HOST, port, user: SUPERUSER, password, database });
  return {
    dir,
    dataDir,
    port,
    host: HOST,
    user: SUPERUSER,
    passfile,
    url: `postgres://${SUPERUSER}@${HOST}:${port}/postgres`,
    binDir,
    osUser,
    started,
    connection,
    stop: (stopSignal?: AbortSignal) => stopLocalPostgres(dataDir, binDir, osUser, stopSignal),
  };
}

/** Fast shutdown (`pg_ctl stop -m fast`): open sessions are ended, no data is lost. */
export async function stopLocalPostgres(dataDir: string, binDir = findPgBinDir(), osUser = serverOsUser(), signal?: AbortSignal): Promise<void> {
  if (!isServerRunning(dataDir)) return;
  await runCommand(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], { user: osUser, cwd: '/', signal });
}
