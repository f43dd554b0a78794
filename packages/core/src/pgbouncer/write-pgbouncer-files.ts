import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatdbError } from '../errors.js';
import { chownTo, isReachableBy, type OsUser } from '../sandbox/os-user.js';
import type { PgbouncerEventHandler } from './types.js';

/** Creates `dir` 0700, owned by the user PgBouncer runs as. Errors: PGBOUNCER_CONFIG when that user cannot reach it. */
export function preparePgbouncerDir(dir: string, osUser: OsUser | undefined): void {
  if (!isReachableBy(dir, osUser)) {
    throw new CatdbError('PGBOUNCER_CONFIG', `The ${osUser?.name} OS user cannot reach ${resolve(dir)} (a parent folder is not traversable)`, {
      hint: 'Pick a folder under /tmp or /var/lib, or make the parents traversable (chmod o+x).',
      details: { dir },
    });
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  chownTo(dir, osUser);
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
