import { describe, expect, it } from 'vitest';
import { fastTimestamp } from './fast-timestamp.js';
import { formatTimestamp, parseDateTimeText, toUtc } from './parse-datetime.js';

describe('fastTimestamp agrees with the full parser, or steps aside', () => {
  it.each([
    '2024-01-02 03:04:05', '2024-01-02T03:04:05', '2024-01-02 03:04:05.1', '2024-01-02 03:04:05.123456', '2024-02-29 00:00:00', '0001-01-01 00:00:00', '9999-12-31 23:59:59.999999',
  ])('%s', (s) => {
    expect(fastTimestamp(s)).toBe(formatTimestamp(toUtc(parseDateTimeText(s))));
  });
  it.each([
    '2024-02-30 00:00:00', '2023-02-29 00:00:00', '1900-02-29 00:00:00', '0000-01-01 00:00:00', '2024-13-01 00:00:00', '2024-01-01 24:00:00', '2024-01-01 00:60:00',
    '2024-01-02 03:04:05Z', '2024-01-02 03:04:05+02:00', '2024-01-02 03:04:05.1234567', '2024-01-02', '2024-01-02 03:04', 'abcd-ef-gh ij:kl:mn', '2024-01-02 03:04:05.', '2024-01-02 03:04:05.12a',
  ])('%s is left to the full parser', (s) => {
    expect(fastTimestamp(s)).toBeUndefined();
  });
});
