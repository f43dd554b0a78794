import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatdbError } from '../errors.js';
import { lookupPgpass } from '../pg/pgpass.js';
import { PGBOUNCER_FILES, type PgbouncerState } from './types.js';

/**
 * The facts `pgbouncer init` recorded in `dir` (catdb-pgbouncer.json) and the admin
 * console's password from its 0600 passfile there. Reads only.
 * Errors: PGBOUNCER_CHECK_FAILED when `dir` holds no PgBouncer set up by catdb.
 */
export function readPgbouncerState(dirOption: string): { dir: string; state: PgbouncerState; adminPassword: string | undefined } {
  const dir = resolve(dirOption);
  const statePath = join(dir, PGBOUNCER_FILES.state);
  if (!existsSync(statePath)) {
    throw new CatdbError('PGBOUNCER_CHECK_FAILED', `${dir} holds no PgBouncer set up by catdb (${PGBOUNCER_FILES.state} is missing)`, {
      hint: 'Run catdb pgbouncer init --dir <dir> first, or check --dir.',
      details: { dir },
    });
  }
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as PgbouncerState;
  const adminPassword = lookupPgpass(join(dir, PGBOUNCER_FILES.adminPassfile), state.listen.host, state.listen.port, 'pgbouncer', state.adminUser);
  return { dir, state, adminPassword };
}
