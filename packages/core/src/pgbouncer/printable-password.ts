import { CatdbError } from '../errors.js';

// Passwords catdb generates for PgBouncer's users are printable ASCII, for which SASLprep is
// the identity, so PgBouncer and PostgreSQL cannot compute a different SCRAM secret from them.
// Anything else (an edited passfile, say) is refused rather than stored.
const PRINTABLE = /^[\x21-\x7e]+$/;

/** True for a non-empty password of printable ASCII without spaces. */
export function isPrintablePassword(password: string): boolean {
  return PRINTABLE.test(password);
}

/** The password itself when printable ASCII; PGBOUNCER_CONFIG otherwise. */
export function requirePrintablePassword(password: string): string {
  if (!isPrintablePassword(password)) {
    throw new CatdbError('PGBOUNCER_CONFIG', 'Generated passwords must be printable ASCII (SASLprep is not applied here)');
  }
  return password;
}
