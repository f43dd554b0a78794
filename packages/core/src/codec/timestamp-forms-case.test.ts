import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { timestampFormsCase, type TimestampForm } from './timestamp-forms-case.js';

const db = new Database(':memory:');
const run = (value: string, offsets: boolean, render: (form: TimestampForm) => string): string =>
  db.prepare(`SELECT ${timestampFormsCase('v', `'no'`, render, { offsets })} FROM (SELECT ? AS v)`).pluck().get(value) as string;
const classify = (value: string, offsets: boolean): string => run(value, offsets, (form) => `'${form.kind}'`);

describe('timestampFormsCase', () => {
  it.each([
    ['2024-02-29', 'date'],
    ['2024-02-29 23:59:59', 'whole'],
    ['2024-02-29T23:59:59', 'whole'],
    ['2024-02-29T23:59:59Z', 'whole'],
    ['2024-02-29 23:59:59.5', 'fraction'],
    ['2024-02-29 23:59:59.5Z', 'fraction'],
    ['2024-02-29T23:59:59.123456', 'fraction'],
    ['2024-02-29T23:59:59.123456Z', 'fraction'],
  ])('accepts %s as %s', (value, form) => {
    expect(classify(value, false)).toBe(form);
    expect(classify(value, true)).toBe(form);
  });

  it('tells the separator and the Z apart where the rendering needs them', () => {
    const detail = (value: string): string => run(value, false, (f) => `'${f.kind}${f.t ? ' T' : ''}${f.zulu ? ' Z' : ''}'`);
    expect(detail('2024-02-29 23:59:59')).toBe('whole');
    expect(detail('2024-02-29T23:59:59')).toBe('whole T');
    expect(detail('2024-02-29T23:59:59Z')).toBe('whole T Z');
    expect(detail('2024-02-29 23:59:59.25')).toBe('fraction');
    expect(detail('2024-02-29T23:59:59.123456Z')).toBe('fraction T Z');
  });

  it('accepts an explicit offset only where asked to', () => {
    expect(classify('2024-02-29 23:59:59+05:30', true)).toBe('offset');
    expect(classify('2024-02-29 23:59:59-08:00', false)).toBe('no');
  });

  it.each([
    'now',
    'epoch',
    '2024/02/29 23:59:59',
    '2024-02-29  3:59:59',
    '2024-02-29 23:59:59.',
    '2024-02-29 23:59:59.1234567',
    '2024-02-29 23:59:59.123ZZ',
    '2024-02-29 23:59:59.12Z3',
    '2024-02-29 23:59:59Z+01',
    '2024-02-29 23:59:59.5+05:30',
    ' 2024-02-29 23:59:59',
    '2024-02-29 23:59',
  ])('leaves %j to the JavaScript path', (value) => {
    expect(classify(value, true)).toBe('no');
  });
});
