import { describe, expect, it } from 'vitest';
import { redactText, secretsOf } from './redact-text.js';

describe('redactText', () => {
  it.each([
    ['target postgres://app:s3cret@db.example.com:5432/app ready', [], 'target postgres://app:*****@db.example.com:5432/app ready'],
    ['{"url":"postgresql://u:pw%40x@h/d"}', [], '{"url":"postgresql://u:*****@h/d"}'],
    ["conninfo host=h password='a b' user=u", [], 'conninfo host=h password=***** user=u'],
    ['error: password authentication failed, tried hunter22', ['hunter22'], 'error: password authentication failed, tried *****'],
    ['no secret here: postgres://app@db/app', [], 'no secret here: postgres://app@db/app'],
  ] as const)('%s', (text, secrets, expected) => {
    expect(redactText(text, secrets)).toBe(expected);
  });
});

describe('secretsOf', () => {
  it('finds passwords in URL arguments, PGPASSWORD and DATABASE_URL, longest first', () => {
    expect(secretsOf(['migrate', '--to', 'postgres://u:p%21ss@h/d', 'app.db'], { PGPASSWORD: 'envpw', DATABASE_URL: 'postgres://x:dburlpw@h/d' })).toEqual(['dburlpw', 'p%21ss', 'envpw', 'p!ss']);
  });
});
