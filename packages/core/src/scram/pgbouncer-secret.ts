import { randomBytes } from 'node:crypto';
import { CatdbError } from '../errors.js';
import { renderScramVerifier as renderVerifier, SCRAM_ITERATIONS, scramVerifierMatches as verifierMatches } from './render-scram-verifier.js';

export { SCRAM_ITERATIONS };

const VERIFIER = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

/**
 * The SCRAM-SHA-256 secret PgBouncer stores in userlist.txt for a password catdb
 * generated, computed by the same function as the replication role's verifier.
 * Generated passwords are printable ASCII, for which SASLprep is the identity; anything
 * else is refused here rather than risk a secret PgBouncer would compute differently.
 */
export function renderScramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = SCRAM_ITERATIONS): string {
  if (!/^[\x21-\x7e]+$/.test(password)) {
    throw new CatdbError('PGBOUNCER_CONFIG', 'Generated passwords must be printable ASCII (SASLprep is not applied here)');
  }
  return renderVerifier(password, salt, iterations);
}

/** True when `password` produces exactly `verifier` (same salt and iterations). */
export function scramVerifierMatches(password: string, verifier: string): boolean {
  return /^[\x21-\x7e]+$/.test(password) && verifierMatches(password, verifier);
}

/** `scram-sha-256`, `md5` (md5 + 32 hex digits) or `plain`, the way PgBouncer tells them apart. */
export function secretType(secret: string): 'scram-sha-256' | 'md5' | 'plain' {
  if (VERIFIER.test(secret)) return 'scram-sha-256';
  if (/^md5[0-9a-f]{32}$/.test(secret)) return 'md5';
  return 'plain';
}
