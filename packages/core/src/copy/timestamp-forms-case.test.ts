import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { timestampFormsCase } from './timestamp-forms-case.js';

const db = new Database(':memory:');
const classify = (value: string, offsets: boolean): string =>
  db.prepare(`SELECT ${timestampFormsCase('v', `'no'`, (form) => `'${form}'`, { offsets })} FROM (SELECT ? AS v)`).pluck().get(value) as string;

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
