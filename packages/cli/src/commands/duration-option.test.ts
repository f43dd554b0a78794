import { isCatdbError } from '@catdb/core';
import { describe, expect, it, vi } from 'vitest';
import { parseDuration } from './duration-option.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5s', 5000],
    ['2m', 120_000],
    ['2min', 120_000],
    ['1h', 3_600_000],
    ['0.2', 200],
    ['10', 10_000],
    [' 1.5 s ', 1500],
    ['0s', 0],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration('--timeout')(text)).toBe(ms);
  });

  it.each(['', 'soon', '-5s', '5 parsecs', '1e3', '5s5'])('refuses %j', (text) => {
    let caught: unknown;
    try {
      parseDuration('--timeout')(text);
    } catch (err) {
      caught = err;
    }
    expect(isCatdbError(caught, 'USAGE_INVALID_OPTION')).toBe(true);
    expect((caught as Error).message).toContain('--timeout');
  });

  it('refuses zero where a positive duration is needed', () => {
    expect(() => parseDuration('--watch', { positive: true })('0')).toThrow(/--watch: "0" is not a positive duration/);
  });

  it('reads a bare number as milliseconds where an option always did, and says so', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(parseDuration('--timeout', { bareMs: true })('5000')).toBe(5000);
      expect(parseDuration('--timeout', { bareMs: true })('5s')).toBe(5000);
      expect(write).toHaveBeenCalledTimes(1);
      expect(String(write.mock.calls[0]![0])).toMatch(/--timeout 5000 is read as milliseconds/);
    } finally {
      write.mockRestore();
    }
  });
});
