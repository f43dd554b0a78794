import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CatdbError } from '../errors.js';
import { claimDir } from '../fs/claim-dir.js';

/**
 * Reads a replication password file: the password alone on its first line. Refuses files
 * that group or others can read, as ssh and libpq do. `missingHint` says what to do when the
 * file is absent, in the words of the command reading it. Errors: REPLICA_CONFIG.
 */
export function readPasswordFile(file: string, missingHint = 'Check --password-file: it names the file that an earlier `catdb replica prepare-primary` (without --dry-run) created for the replication role.'): string {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new CatdbError('REPLICA_CONFIG', `The password file ${path} does not exist`, { hint: missingHint, details: { file: path } });
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) {
    throw new CatdbError('REPLICA_CONFIG', `The password file ${path} is readable by others (mode ${mode.toString(8)})`, { hint: `chmod 600 ${path}`, details: { file: path } });
  }
  const password = readFileSync(path, 'utf8').split(/\r?\n/)[0] ?? '';
  if (password === '') throw new CatdbError('REPLICA_CONFIG', `The password file ${path} is empty`, { details: { file: path } });
  return password;
}

/**
 * Generates a 32-character password and writes it to a new 0600 file (its folder is created
 * 0700 and marked `.catdb-owned` when missing). Never overwrites: an existing file is an error
 * (REPLICA_CONFIG).
 */
export function writeNewPasswordFile(file: string): string {
  const path = resolve(file);
  const dir = dirname(path);
  if (!existsSync(dir)) claimDir(dir, { createdBy: 'replica prepare-primary', mode: 0o700 });
  const password = randomBytes(24).toString('base64url');
  try {
    writeFileSync(path, password + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    throw new CatdbError('REPLICA_CONFIG', `Could not create the password file ${path}`, { hint: 'Remove it or name another file with --password-file.', cause: err, details: { file: path } });
  }
  chmodSync(path, 0o600);
  return password;
}
