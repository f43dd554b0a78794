import { describe, expect, it } from 'vitest';
import { isPrintablePassword, requirePrintablePassword } from './printable-password.js';

describe('requirePrintablePassword', () => {
  it.each(['catdb-test-password', 'Zm9v_YmFy-', '!~'])('accepts %s', (password) => {
    expect(requirePrintablePassword(password)).toBe(password);
    expect(isPrintablePassword(password)).toBe(true);
  });

  it.each(['pässword', 'has space', '', 'tab\there'])('refuses %j, which would need SASLprep or is not one token', (password) => {
    expect(() => requirePrintablePassword(password)).toThrow(/ASCII/);
    expect(isPrintablePassword(password)).toBe(false);
  });
});
