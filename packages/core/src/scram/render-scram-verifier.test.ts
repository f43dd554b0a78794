import { describe, expect, it } from 'vitest';
import { renderScramVerifier, scramVerifierMatches } from './render-scram-verifier.js';

// The verifiers were produced by PostgreSQL 15 (`CREATE ROLE … PASSWORD '…'`, read back from pg_authid).
const fixtures = [
  {
    name: 'ASCII password',
    password: 'pencil',
    verifier: 'SCRAM-SHA-256$4096:w5UZbZt58NrRmnDfluj9mg==$xb/GSGFQAOhE1XfkWj+zt6s/K+36pfZD4Wmw7cMZK0A=:Zz/dMqaIEmacx05Sv1WNlKH1nX+B031ZqjminYBl7Uc=',
  },
  {
    name: 'ASCII password with punctuation',
    password: 'catdb-test-password',
    verifier: 'SCRAM-SHA-256$4096:1FnHdXvCvC9h2IfBdtqwKw==$kDZUk7xjka5nR9/3LrgPvLo/jkkwI1uPoUXcGjwg558=:5hIE7I0joWe46qZMKfGCGEV4TqAJRDAfnIh6unMgqmY=',
  },
  {
    name: 'password that SASLprep rewrites (fullwidth p, combining diaeresis, soft hyphen, en space)',
    password: '\uFF50a\u0308ss\u00ADw\u2002rd',
    verifier: 'SCRAM-SHA-256$4096:2dKTFsrCh61SLJU4RaFmYA==$UjR1LHZwu+lekY4YY0QZIu25tnNvyeszB8uPTPc675g=:EgID5KSyAoPfAjxCeASWyfFInJ/DmGK46CX5uDQz7js=',
  },
];

describe('renderScramVerifier', () => {
  it.each(fixtures)('reproduces PostgreSQL for an $name', ({ password, verifier }) => {
    const salt = Buffer.from(verifier.split('$')[1]!.split(':')[1]!, 'base64');
    expect(renderScramVerifier(password, salt)).toBe(verifier);
    expect(scramVerifierMatches(password, verifier)).toBe(true);
  });

  it('uses a fresh 16-byte salt each time and never contains the password', () => {
    const a = renderScramVerifier('s3cret-pass');
    const b = renderScramVerifier('s3cret-pass');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret-pass');
    expect(Buffer.from(a.split('$')[1]!.split(':')[1]!, 'base64')).toHaveLength(16);
    expect(a).toMatch(/^SCRAM-SHA-256\$4096:[^$]+\$[^:]+:[^:]+$/);
  });

  it.each([
    ['wrong password', 'pencil2', fixtures[0]!.verifier],
    ['md5 hash', 'pencil', 'md5' + 'a'.repeat(32)],
    ['empty verifier', 'pencil', ''],
  ])('scramVerifierMatches rejects a %s', (_name, password, verifier) => {
    expect(scramVerifierMatches(password, verifier)).toBe(false);
  });
});
