import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CatdbError } from '../errors.js';
import { childEnv } from './child-env.js';

/**
 * The folder holding initdb, pg_ctl, postgres and pg_basebackup. Debian keeps them out
 * of PATH under /usr/lib/postgresql/<major>/bin, so look there too (newest first).
 */
export function findPgBinDir(preferred = process.env.CATDB_PG_BIN): string {
  const candidates: string[] = [];
  if (preferred) candidates.push(preferred);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', env: childEnv(), stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // pg_config is only in the -dev packages; the scan below covers Debian.
  }
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const majors = readdirSync(debianRoot).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const major of majors) candidates.push(join(debianRoot, major, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir);
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new CatdbError('SANDBOX_NO_SERVER_BINARIES', 'No PostgreSQL server binaries (initdb, pg_ctl) were found', {
      hint: 'Install them (Debian: apt-get install postgresql), set CATDB_PG_BIN to their folder, or pass --to <postgres-url>.',
    });
  }
  return found;
}
