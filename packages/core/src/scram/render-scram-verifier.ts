import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { saslprep } from './saslprep.js';
import { SCRAM_VERIFIER } from './secret-type.js';

/** PostgreSQL's default `scram_iterations` (fixed at 4096 before PostgreSQL 16). */
export const SCRAM_ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores in `pg_authid.rolpassword`
 * (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, RFC 5802 §3 and RFC 7677),
 * computed here so that `CREATE ROLE … PASSWORD '<verifier>'` never sends the password itself:
 * the server recognises the format and stores it as is. The one SCRAM implementation of catdb:
 * replication roles, PgBouncer's admin and auth users all get their verifiers here.
 *
 * @param salt 16 random bytes by default (what PostgreSQL uses); pass one to reproduce a verifier.
 */
export function renderScramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = SCRAM_ITERATIONS): string {
  const salted = pbkdf2Sync(Buffer.from(saslprep(password), 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * True when `password` produces `verifier` (same salt and iteration count): lets catdb tell
 * whether a password file still matches an existing role without ever changing the role.
 * Returns false for anything that is not a SCRAM-SHA-256 verifier (md5, NULL, …).
 */
export function scramVerifierMatches(password: string, verifier: string): boolean {
  const m = SCRAM_VERIFIER.exec(verifier);
  if (!m) return false;
  return renderScramVerifier(password, Buffer.from(m[2]!, 'base64'), Number(m[1])) === verifier;
}
