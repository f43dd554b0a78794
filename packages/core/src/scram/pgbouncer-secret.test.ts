import { describe, expect, it } from 'vitest';
import { renderScramVerifier, scramVerifierMatches, secretType } from './pgbouncer-secret.js';

describe('renderScramVerifier', () => {
  // Reference computed by PostgreSQL 15 itself: SET password_encryption = 'scram-sha-256' and
  // CREATE ROLE … PASSWORD 'catdb-test-password', then the salt was taken from pg_authid.
  const fromPostgres =
    'SCRAM-SHA-256$4096:1FnHdXvCvC9h2IfBdtqwKw==$kDZUk7xjka5nR9/3LrgPvLo/jkkwI1uPoUXcGjwg558=:5hIE7I0joWe46qZMKfGCGEV4TqAJRDAfnIh6unMgqmY=';

  it('matches the verifier PostgreSQL stores for the same password and salt', () => {
    expect(renderScramVerifier('catdb-test-password', Buffer.from('1FnHdXvCvC9h2IfBdtqwKw==', 'base64'))).toBe(fromPostgres);
    expect(scramVerifierMatches('catdb-test-password', fromPostgres)).toBe(true);
    expect(scramVerifierMatches('other', fromPostgres)).toBe(false);
  });

  it('uses a fresh 16-byte salt each time', () => {
    const a = renderScramVerifier('pw-a');
    const b = renderScramVerifier('pw-a');
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split('$')[1]!.split(':')[1]!, 'base64')).toHaveLength(16);
    expect(scramVerifierMatches('pw-a', a)).toBe(true);
  });

  it('refuses passwords that would need SASLprep', () => {
    expect(() => renderScramVerifier('pässword')).toThrow(/ASCII/);
    expect(() => renderScramVerifier('has space')).toThrow(/ASCII/);
  });

  it.each([
    ['SCRAM-SHA-256$4096:c2FsdA==$a2V5:a2V5', 'scram-sha-256'],
    ['md5' + 'a'.repeat(32), 'md5'],
    ['md5short', 'plain'],
    ['hunter2', 'plain'],
  ])('secretType(%s) = %s', (secret, type) => {
    expect(secretType(secret)).toBe(type);
  });
});
