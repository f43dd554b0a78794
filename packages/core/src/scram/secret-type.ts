/** `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, as PostgreSQL stores it in pg_authid. */
export const SCRAM_VERIFIER = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

/** `scram-sha-256`, `md5` (md5 + 32 hex digits) or `plain`, the way PgBouncer tells them apart. */
export function secretType(secret: string): 'scram-sha-256' | 'md5' | 'plain' {
  if (SCRAM_VERIFIER.test(secret)) return 'scram-sha-256';
  if (/^md5[0-9a-f]{32}$/.test(secret)) return 'md5';
  return 'plain';
}
