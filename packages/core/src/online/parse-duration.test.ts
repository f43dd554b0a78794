import { describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import { parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['5s', 5000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['2', 2000],
    ['0.25', 250],
    ['2min', 120_000],
    ['1m', 60_000],
    ['1h', 3_600_000],
    [' 3 S ', 3000],
  ])('%j is %i ms', (text, ms) => {
    expect(parseDuration(text, '--max-pause')).toBe(ms);
  });

  it.each(['', 's', '5 seconds', '-1s', '1e3ms', '5kb', '1,5s'])('refuses %j', (text) => {
    let caught: unknown;
    try {
      parseDuration(text, '--max-pause');
    } catch (err) {
      caught = err;
    }
    expect(isCatdbError(caught, 'USAGE_INVALID_OPTION')).toBe(true);
    expect((caught as Error).message).toContain('--max-pause');
  });
});
