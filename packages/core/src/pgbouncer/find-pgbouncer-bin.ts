import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CatdbError } from '../errors.js';

/** The `pgbouncer` binary: CATDB_PGBOUNCER_BIN, Debian's /usr/sbin/pgbouncer, or PATH. Errors: PGBOUNCER_NOT_INSTALLED. */
export function findPgbouncerBin(preferred = process.env.CATDB_PGBOUNCER_BIN): string {
  const candidates = [preferred, '/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer'];
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(join(dir, 'pgbouncer'));
  const found = candidates.find((c): c is string => Boolean(c) && existsSync(c!));
  if (!found) {
    throw new CatdbError('PGBOUNCER_NOT_INSTALLED', 'The pgbouncer binary was not found', {
      hint: 'Install it (Debian: apt-get install pgbouncer) or set CATDB_PGBOUNCER_BIN to its path.',
    });
  }
  return found;
}
