import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'pg-connection-string';
import { CatdbError } from '../errors.js';
import { connect, passfileFor } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { redactUrl } from '../pg/redact-url.js';
import { chownTo, type OsUser } from '../os/os-user.js';
import { lookupPgpass, writePgpassFile } from '../pg/pgpass.js';
import { runCommand } from '../os/run-command.js';
import { renderConninfo } from './render-standby-config.js';
import { standbySideDir } from './standby-files.js';

// A rewind copies the source's files, configuration included; the server keeps its own.
const CONFIG_FILES = ['postgresql.conf', 'postgresql.auto.conf', 'pg_hba.conf', 'pg_ident.conf'];

/**
 * pg_rewind of the stopped server in `dataDir` from the primary at `primaryUrl`, as the server
 * OS user; the server's own configuration files are put back afterwards. The primary's password
 * reaches pg_rewind through a 0600 passfile in catdb's side folder (removed afterwards), never
 * argv or an environment value. A server that was not shut down cleanly is recovered first by
 * pg_rewind itself. The primary is checkpointed first, so that its control file shows its new
 * timeline. Errors: REPLICA_REWIND_FAILED (the server is left stopped), PG_*, ABORTED.
 */
export async function runRewind(binDir: string, dataDir: string, primaryUrl: string, osUser: OsUser | undefined, signal: AbortSignal | undefined): Promise<void> {
  const p = parse(primaryUrl);
  const host = p.host ?? '127.0.0.1';
  const port = String(p.port ?? 5432);
  const user = p.user ?? 'postgres';
  // pg-connection-string gives '' for a URL without a password.
  const password = p.password || lookupPgpass(passfileFor(primaryUrl), host, port, p.database ?? user, user);
  if (password === undefined) {
    throw new CatdbError('REPLICA_REWIND_FAILED', `No password for ${user} at ${host}:${port} to run pg_rewind from`, {
      hint: `Add a line for it to the passfile the --primary URL names (?passfile=), PGPASSFILE or ~/.pgpass. Nothing was changed.`,
      details: { dataDir, passfile: passfileFor(primaryUrl) },
    });
  }
  // pg_rewind compares the timelines of the two control files; a server promoted moments ago
  // still shows the old one until its first checkpoint, and pg_rewind would then find "no
  // rewind required" and leave the fork in place (see the pg_rewind documentation).
  const source = await connect(primaryUrl, { applicationName: 'catdb replica rewind', timeoutMs: 300_000, ...(signal ? { signal } : {}) });
  try {
    await source.query('checkpoint');
  } catch (err) {
    throw mapPgError(err, { what: 'Could not checkpoint the new primary before pg_rewind', target: redactUrl(primaryUrl) });
  } finally {
    await source.end().catch(() => {});
  }
  const passfile = join(standbySideDir(dataDir), 'rewind.pgpass');
  const saved = CONFIG_FILES.map((name) => join(dataDir, name))
    .filter((path) => existsSync(path))
    .map((path) => ({ path, text: readFileSync(path) }));
  try {
    writePgpassFile(passfile, [{ host, port, database: '*', user, password }]);
    chownTo(passfile, osUser);
    const source = { host, port, user, dbname: p.database ?? 'postgres', passfile };
    await runCommand(join(binDir, 'pg_rewind'), ['--target-pgdata', dataDir, '--source-server', renderConninfo(source)], { user: osUser, cwd: '/', signal, timeoutMs: 600_000 });
  } catch (err) {
    if (err instanceof CatdbError && err.code === 'ABORTED') throw err;
    // pg_rewind reads the server's own WAL back from the fork to the checkpoint before it; a
    // restartpoint or checkpoint since may have recycled it, and there is no archive to ask.
    const walGone = /could not (?:open file "[^"]*pg_wal\/|find previous WAL record)/.test((err as Error).message);
    throw new CatdbError('REPLICA_REWIND_FAILED', `pg_rewind of ${dataDir} failed: ${(err as Error).message}`, {
      hint: walGone
        ? `The server is left stopped. The WAL from before the fork is no longer in ${dataDir}/pg_wal (a checkpoint recycled it), so it cannot be rewound: rebuild it (catdb replica remove, then catdb replica init against the new primary). To rewind after the next failover, keep WAL longer (wal_keep_size) or archive it.`
        : 'The server is left stopped. Read the message; if pg_rewind cannot be run again, rebuild it with catdb replica init.',
      details: { dataDir, walGone },
      cause: err,
    });
  } finally {
    rmSync(passfile, { force: true });
    for (const file of saved) {
      writeFileSync(file.path, file.text, { mode: 0o600 });
      chownTo(file.path, osUser);
    }
  }
}
