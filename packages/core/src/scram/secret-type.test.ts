import { describe, expect, it } from 'vitest';
import { secretType } from './secret-type.js';

describe('secretType', () => {
  it.each([
    ['SCRAM-SHA-256$4096:c2FsdA==$a2V5:a2V5', 'scram-sha-256'],
    ['md5' + 'a'.repeat(32), 'md5'],
    ['md5short', 'plain'],
    ['hunter2', 'plain'],
    ['SCRAM-SHA-256$4096:c2FsdA==$a2V5', 'plain'],
  ])('secretType(%s) = %s', (secret, type) => {
    expect(secretType(secret)).toBe(type);
  });
});
