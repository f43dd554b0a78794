import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatdbError } from '../errors.js';
import { backupFile } from '../fs/backup-file.js';
import { claimDir } from '../fs/claim-dir.js';
import { chownTo, isReachableBy, type OsUser } from '../os/os-user.js';
import { isCatdbPgbouncerDir, type PgbouncerDirInspection } from './inspect-pgbouncer-dir.js';
import type { PgbouncerEventHandler } from './types.js';

/**
 * Makes `dir` PgBouncer's folder: created 0700 (and marked) for the user PgBouncer runs as, or
 * an existing one `inspection` allowed, whose foreign files are first copied to `.bak` names
 * (never over an earlier backup). Returns the backups as { path, backup }.
 * Errors: PGBOUNCER_CONFIG when that user cannot reach the folder, FS_NOT_OWNED.
 */
export function preparePgbouncerDir(dir: string, osUser: OsUser | undefined, inspection: PgbouncerDirInspection, onEvent?: PgbouncerEventHandler): { path: string; backup: string }[] {
  if (!isReachableBy(dir, osUser)) {
    throw new CatdbError('PGBOUNCER_CONFIG', `The ${osUser?.name} OS user cannot reach ${resolve(dir)} (a parent folder is not traversable)`, {
      hint: 'Pick a folder under /tmp or /var/lib, or make the parents traversable (chmod o+x).',
      details: { dir },
    });
  }
  // Backups before the mark: were this to fail half-way, the folder must still read as foreign.
  const backups = inspection.foreignFiles.map((path) => ({ path, backup: backupFile(path) }));
  for (const b of backups) onEvent?.({ type: 'pgbouncer.file-backed-up', ...b });
  claimDir(dir, { createdBy: 'pgbouncer init', settle: { mode: 0o700, osUser }, legacy: isCatdbPgbouncerDir, force: !inspection.owned });
  return backups;
}

/**
 * Writes each file 0600 through a temporary name and a rename, so a PgBouncer reloading
 * at that moment reads the old file or the new one, never half of one.
 */
export function writePgbouncerFiles(
  dir: string,
  files: readonly { name: string; content: string; mode: number }[],
  osUser: OsUser | undefined,
  onEvent?: PgbouncerEventHandler,
): void {
  for (const file of files) {
    const path = join(dir, file.name);
    const tmp = `${path}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, file.content, { mode: file.mode });
      chmodSync(tmp, file.mode);
      chownTo(tmp, osUser);
      renameSync(tmp, path);
    } finally {
      rmSync(tmp, { force: true });
    }
    onEvent?.({ type: 'pgbouncer.file-written', path, mode: file.mode.toString(8).padStart(4, '0') });
  }
}
