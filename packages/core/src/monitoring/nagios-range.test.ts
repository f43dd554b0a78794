import { describe, expect, it } from 'vitest';
import { parseNagiosRange, rangeAlerts, renderNagiosRange, upTo, type NagiosRange } from './nagios-range.js';

const num = (r: NagiosRange<string>): NagiosRange<number> => ({ ...r, start: r.start === null ? null : Number(r.start), end: r.end === null ? null : Number(r.end) });

describe('Nagios ranges (plugin guidelines, "Threshold and Ranges")', () => {
  // The guidelines' own table: range, then values that alert and values that do not.
  it.each([
    ['10', [-1, 11, 10.5], [0, 5, 10]],
    ['10:', [9, -3], [10, 11, 1e9]],
    ['~:10', [11, 10.01], [10, -1e9, 0]],
    ['10:20', [9, 21], [10, 15, 20]],
    ['@10:20', [10, 15, 20], [9, 21]],
    ['0', [0.001, 1], [0]],
    ['@0', [0], [1]],
    [':10', [11], [0, 10]],
  ] as const)('%s alerts on %j, not on %j', (text, alert, quiet) => {
    const range = num(parseNagiosRange(text));
    for (const v of alert) expect(rangeAlerts(range, v), `${text} at ${v}`).toBe(true);
    for (const v of quiet) expect(rangeAlerts(range, v), `${text} at ${v}`).toBe(false);
  });

  it.each([
    ['10', { start: '0', end: '10', inside: false }],
    ['10:', { start: '10', end: null, inside: false }],
    ['~:10', { start: null, end: '10', inside: false }],
    ['@1MB:16MB', { start: '1MB', end: '16MB', inside: true }],
    [' @ 5s ', { start: '0', end: '5s', inside: true }],
  ] as const)('takes %j apart', (text, expected) => {
    expect(parseNagiosRange(text)).toEqual(expected);
  });

  it.each(['', '@', ':', '1:2:3', '@:', '~:', '@~:'])('rejects %j', (text) => {
    expect(() => parseNagiosRange(text)).toThrow();
  });

  it.each([
    [upTo(16777216n), '16777216'],
    [{ start: 10, end: null, inside: false }, '10:'],
    [{ start: null, end: 30, inside: false }, '~:30'],
    [{ start: 1, end: 5, inside: true }, '@1:5'],
    [{ start: 0, end: 0, inside: false }, '0'],
    [{ start: 0, end: null, inside: true }, '@0:'],
  ] as const)('renders case %# as %s', (range, text) => {
    expect(renderNagiosRange(range as NagiosRange<number | bigint>)).toBe(text);
  });

  it('renders through a unit conversion and reads back what it renders', () => {
    const range = { start: 1500, end: 30_000, inside: true };
    const text = renderNagiosRange(range, (ms) => String(ms / 1000));
    expect(text).toBe('@1.5:30');
    expect(num(parseNagiosRange(text))).toEqual({ start: 1.5, end: 30, inside: true });
  });

  it('compares bigint byte counts exactly beyond 2^53', () => {
    const range = upTo(9007199254740993n);
    expect(rangeAlerts(range, 9007199254740993n)).toBe(false);
    expect(rangeAlerts(range, 9007199254740994n)).toBe(true);
  });
});
