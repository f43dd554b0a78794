import { describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import { formatBytes, parseThreshold } from './parse-threshold.js';

describe('parseThreshold', () => {
  it.each([
    ['16MB', { bytes: 16n * 1024n * 1024n }],
    ['16mb', { bytes: 16777216n }],
    ['16777216', { bytes: 16777216n }],
    ['100B', { bytes: 100n }],
    ['8kB', { bytes: 8192n }],
    ['2GiB', { bytes: 2n * 1024n ** 3n }],
    ['5TB', { bytes: 5n * 1024n ** 4n }],
    ['30s', { ms: 30_000 }],
    ['500ms', { ms: 500 }],
    ['5min', { ms: 300_000 }],
    ['1h', { ms: 3_600_000 }],
    ['2d', { ms: 172_800_000 }],
    ['16MB,30s', { bytes: 16777216n, ms: 30_000 }],
    [' 30s , 1GB ', { ms: 30_000, bytes: 1024n ** 3n }],
    [['16MB', '30s'], { bytes: 16777216n, ms: 30_000 }],
    [['1MB', '2MB'], { bytes: 2097152n }],
  ] as const)('reads %s', (input, expected) => {
    expect(parseThreshold(input as string | string[])).toEqual(expected);
  });

  it('keeps sizes beyond 2^53 exact', () => {
    expect(parseThreshold('9007199254740993')).toEqual({ bytes: 9007199254740993n });
  });

  it.each([[undefined], [''], [[]]])('no value (%j) means no threshold', (input) => {
    expect(parseThreshold(input as string | undefined)).toBeUndefined();
  });

  it.each(['fast', '16 parsecs', '-5MB', '1.5GB', '30 seconds', 'MB'])('rejects %j with USAGE_INVALID_OPTION', (input) => {
    let caught: unknown;
    try {
      parseThreshold(input, '--crit');
    } catch (err) {
      caught = err;
    }
    expect(isCatdbError(caught, 'USAGE_INVALID_OPTION')).toBe(true);
    expect((caught as Error).message).toContain('--crit');
  });
});

describe('formatBytes', () => {
  it.each([
    [0n, '0 B'],
    [1023n, '1023 B'],
    [1024n, '1 kB'],
    [16777216n, '16 MB'],
    [1610612736n, '1.5 GB'],
    [5n * 1024n ** 4n, '5 TB'],
  ])('%s → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
