import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { CatdbError } from '../errors.js';

/** PostgreSQL's default `scram_iterations` (fixed before PostgreSQL 16). */
export const SCRAM_ITERATIONS = 4096;

const VERIFIER = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

/**
 * The SCRAM-SHA-256 secret (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`,
 * RFC 5802/7677) that PostgreSQL and PgBouncer store, for a password catdb generated.
 * Generated passwords are ASCII, for which SASLprep is the identity; other passwords are
 * refused rather than risk a verifier the server would compute differently.
 */
export function renderScramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = SCRAM_ITERATIONS): string {
  if (!/^[\x21-\x7e]+$/.test(password)) {
    throw new CatdbError('PGBOUNCER_CONFIG', 'Generated passwords must be printable ASCII (SASLprep is not applied here)');
  }
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** True when `password` produces exactly `verifier` (same salt and iterations). */
export function scramVerifierMatches(password: string, verifier: string): boolean {
  const m = VERIFIER.exec(verifier);
  if (!m) return false;
  try {
    return renderScramVerifier(password, Buffer.from(m[2]!, 'base64'), Number(m[1])) === verifier;
  } catch {
    return false;
  }
}

/** `scram-sha-256`, `md5` (md5 + 32 hex digits) or `plain`, the way PgBouncer tells them apart. */
export function secretType(secret: string): 'scram-sha-256' | 'md5' | 'plain' {
  if (VERIFIER.test(secret)) return 'scram-sha-256';
  if (/^md5[0-9a-f]{32}$/.test(secret)) return 'md5';
  return 'plain';
}
