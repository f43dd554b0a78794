import { describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import { formatBytes, parseThreshold, thresholdRanges } from './parse-threshold.js';

const upTo = <T,>(end: T, start: T) => ({ start, end, inside: false });
const b = (end: bigint) => upTo(end, 0n);
const t = (end: number) => upTo(end, 0);

describe('parseThreshold', () => {
  it.each([
    ['16MB', { bytes: b(16n * 1024n * 1024n) }],
    ['16mb', { bytes: b(16777216n) }],
    ['16777216', { bytes: b(16777216n) }],
    ['100B', { bytes: b(100n) }],
    ['8kB', { bytes: b(8192n) }],
    ['2GiB', { bytes: b(2n * 1024n ** 3n) }],
    ['5TB', { bytes: b(5n * 1024n ** 4n) }],
    ['30s', { ms: t(30_000) }],
    ['0s', { ms: t(0) }],
    ['500ms', { ms: t(500) }],
    ['5min', { ms: t(300_000) }],
    ['1h', { ms: t(3_600_000) }],
    ['2d', { ms: t(172_800_000) }],
    ['16MB,30s', { bytes: b(16777216n), ms: t(30_000) }],
    [' 30s , 1GB ', { ms: t(30_000), bytes: b(1024n ** 3n) }],
    [['16MB', '30s'], { bytes: b(16777216n), ms: t(30_000) }],
    [['1MB', '2MB'], { bytes: b(2097152n) }],
    // Nagios ranges (plugin guidelines): alert below, above, outside or inside.
    ['1MB:', { bytes: { start: 1048576n, end: null, inside: false } }],
    ['~:30s', { ms: { start: null, end: 30_000, inside: false } }],
    ['@1MB:16MB', { bytes: { start: 1048576n, end: 16777216n, inside: true } }],
    ['@10s:1min', { ms: { start: 10_000, end: 60_000, inside: true } }],
    ['0:5s', { ms: { start: 0, end: 5000, inside: false } }],
    ['10:20', { bytes: { start: 10n, end: 20n, inside: false } }],
  ] as const)('reads %s', (input, expected) => {
    expect(parseThreshold(input as string | string[])).toEqual(expected);
  });

  it('keeps sizes beyond 2^53 exact', () => {
    expect(parseThreshold('9007199254740993')).toEqual({ bytes: b(9007199254740993n) });
  });

  it('reads a plain limit given by a library caller as the range 0..limit', () => {
    expect(thresholdRanges({ bytes: 5n, ms: 30 })).toEqual({ bytes: b(5n), ms: t(30) });
    expect(thresholdRanges(undefined)).toEqual({ bytes: undefined, ms: undefined });
  });

  it.each([[undefined], [''], [[]]])('no value (%j) means no threshold', (input) => {
    expect(parseThreshold(input as string | undefined)).toBeUndefined();
  });

  it.each(['fast', '16 parsecs', '-5MB', '1.5GB', '30 seconds', 'MB', '5:30s', '1MB:10s', '20:10', '@', '1:2:3', '~:', '30s:10s'])('rejects %j with USAGE_INVALID_OPTION', (input) => {
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
