import { describe, expect, it } from 'vitest';
import type { CellSource, StorageClass } from './cell-source.js';
import { makeCanonicalizer } from './make-canonicalizer.js';
import type { EncodeOptions } from './value-codec.js';
import type { ValueKind } from './value-kind.js';
import { ValueRejected } from './value-rejected.js';

/** What SQLite would answer for the stored value (the exact re-read path). */
const stored = (storage: StorageClass, text: string, bytes = Buffer.from(text)): CellSource => ({
  storageClass: () => storage,
  exactText: () => text,
  rawBytes: () => bytes,
});
const plain: CellSource = stored('text', '');

const run = (kind: ValueKind, value: unknown, cell: CellSource = plain, opts: EncodeOptions = {}) => makeCanonicalizer(kind, opts)(value, cell);

describe('canonical values per kind', () => {
  it.each<[ValueKind, unknown, string | null, CellSource?]>([
    ['integer', null, null],
    ['integer', 42, '42'],
    ['integer', -7, '-7'],
    ['integer', 42n, '42'],
    ['integer', ' 12 ', '12'],
    ['integer', 9007199254740993, '9007199254740993', stored('integer', '9007199254740993')],
    ['integer', -9223372036854775808, '-9223372036854775808', stored('integer', '-9223372036854775808')],
    ['float', 0.1, '0.1'],
    ['float', -0, '-0'],
    ['float', 5e-324, '5e-324'],
    ['float', 1e300, '1e+300'],
    ['float', 1e15, '1e+15'],
    ['float', 123456789012345, '123456789012345'],
    ['float', 0.0001, '0.0001'],
    ['float', 0.00001, '1e-05'],
    ['float', Infinity, 'Infinity'],
    ['float', -Infinity, '-Infinity'],
    ['float', NaN, 'NaN'],
    ['float', 3, '3'],
    ['float', '2.5', '2.5'],
    ['numeric', 0.99, '0.99'],
    ['numeric', 1e21, '1000000000000000000000'],
    ['numeric', 1.5e-7, '0.00000015'],
    ['numeric', '1.50', '1.50'],
    ['numeric', 5, '5'],
    ['boolean', 1, 't'],
    ['boolean', 0, 'f'],
    ['boolean', 'TRUE', 't'],
    ['boolean', 'f', 'f'],
    ['boolean', 'no', 'f'],
    ['text', 'plain', 'plain'],
    ['text', 'tab\tnew\nline\\', 'tab\tnew\nline\\'],
    ['text', '𝄞 é ﻋﺮﺑﻲ', '𝄞 é ﻋﺮﺑﻲ'],
    ['text', 12, '12', stored('integer', '12')],
    ['text', 1.5, '1.5', stored('real', '1.5')],
    ['text', Buffer.from('héllo'), 'héllo'],
    ['bytea', Buffer.from([0, 1, 255]), '0001ff'],
    ['bytea', 'é', 'c3a9', stored('text', 'é')],
    ['bytea', 7, '37', stored('integer', '7')],
    ['timestamptz', '2024-01-02 03:04:05', '2024-01-02 03:04:05+00'],
    ['timestamptz', '2024-01-02T03:04:05Z', '2024-01-02 03:04:05+00'],
    ['timestamptz', '2024-01-02 03:04:05.123', '2024-01-02 03:04:05.123+00'],
    ['timestamptz', '2006-01-02 15:04:05.999999999-07:00', '2006-01-02 22:04:06+00'],
    ['timestamptz', '2006-01-02 15:04:05.1234564+05:30', '2006-01-02 09:34:05.123456+00'],
    ['timestamptz', '2024-03-01 00:30:00 +0100 CET', '2024-02-29 23:30:00+00'],
    ['timestamptz', '2024-01-02', '2024-01-02 00:00:00+00'],
    ['timestamptz', 0, '1970-01-01 00:00:00+00', stored('integer', '0')],
    ['timestamptz', 1700000000, '2023-11-14 22:13:20+00', stored('integer', '1700000000')],
    ['timestamptz', 2460000.5, '2023-02-25 00:00:00+00', stored('real', '2460000.5')],
    ['timestamptz', '1700000000.5', '2023-11-14 22:13:20.5+00'],
    ['timestamp', '2006-01-02 15:04:05-07:00', '2006-01-02 22:04:05'],
    ['timestamp', '0001-01-01 00:00:00', '0001-01-01 00:00:00'],
    ['date', '2024-02-29', '2024-02-29'],
    ['date', '2024-02-29 00:00:00', '2024-02-29'],
    ['time', '07:08', '07:08:00.000000'],
    ['time', '23:59:59.5', '23:59:59.500000'],
    ['jsonb', '{"a":1}', '{"a":1}'],
    ['jsonb', 5, '5', stored('integer', '5')],
    ['uuid', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    ['uuid', '{a0eebc999c0b4ef8bb6d6bb9bd380a11}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    ['uuid', Buffer.from('a0eebc999c0b4ef8bb6d6bb9bd380a11', 'hex'), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
  ])('%s %o → %j', (kind, value, expected, cell) => {
    expect(run(kind, value, cell)).toBe(expected);
  });
});

describe('values that cannot be carried are rejected with a reason and a fix', () => {
  it.each<[ValueKind, unknown, string, EncodeOptions?, CellSource?]>([
    ['integer', 'lots-of-it', 'text "lots-of-it" in an integer column'],
    ['integer', 2.5, 'fractional number 2.5'],
    ['integer', Buffer.from('x'), 'BLOB in an integer column'],
    ['integer', 40000, 'out of range', { intRange: [-32768n, 32767n] }],
    ['float', 'abc', 'in a floating-point column'],
    ['float', 9007199254740993, 'cannot be held exactly', {}, stored('integer', '9007199254740993')],
    ['numeric', 'abc', 'in a numeric column'],
    ['numeric', 1.005, 'more than 2 decimals', { precision: 10, scale: 2 }],
    ['numeric', 123.4, 'does not fit numeric(4,2)', { precision: 4, scale: 2 }],
    ['boolean', 2, 'is not a boolean'],
    ['boolean', 'yes-ish', 'is not a boolean'],
    ['text', 'a\u0000b', 'NUL'],
    ['text', 'abcdef', 'do not fit varchar(5)', { maxLength: 5 }],
    ['text', '\uFFFD', 'not valid UTF-8 (byte 0x96 at offset 4)', {}, stored('text', '', Buffer.from([0x66, 0x69, 0x6c, 0x65, 0x96]))],
    ['text', Buffer.from([0x66, 0x96]), 'not valid UTF-8 text (byte 0x96 at offset 1)'],
    ['jsonb', '{broken', 'invalid JSON'],
    ['jsonb', '{"a":"\\u0000"}', 'jsonb cannot store'],
    ['timestamptz', '2024-02-30', 'no such day'],
    ['timestamptz', '0000-00-00 00:00:00', 'year 0 does not exist'],
    ['timestamptz', '2023-02-29', 'no such day'],
    ['timestamptz', '2024-01-01 24:00:00', 'no such time of day'],
    ['timestamptz', 'yesterday', 'not a date/time'],
    ['timestamptz', Buffer.from('x'), 'BLOB in a date/time column'],
    ['date', '2024-01-01 10:00:00', 'time of day that a date column would drop'],
    ['time', '25:00', 'no such time of day'],
    ['uuid', 'not-a-uuid', 'is not a UUID'],
  ])('%s %o', (kind, value, reason, opts, cell) => {
    let caught: unknown;
    try {
      run(kind, value, cell ?? plain, opts ?? {});
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ValueRejected);
    expect((caught as ValueRejected).reason).toContain(reason);
  });

  it('--nul strip removes U+0000 instead of failing', () => {
    expect(run('text', 'a\u0000b\u0000', plain, { nul: 'strip' })).toBe('ab');
  });
  it('a real U+FFFD stored as valid UTF-8 is kept', () => {
    expect(run('text', 'x\uFFFD', stored('text', 'x\uFFFD'))).toBe('x\uFFFD');
  });
  it('varchar(n) counts characters, not UTF-16 units', () => {
    expect(run('text', '𝄞𝄞𝄞', plain, { maxLength: 3 })).toBe('𝄞𝄞𝄞');
  });
});
