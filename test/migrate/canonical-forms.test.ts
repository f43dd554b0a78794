import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { canonicalJsonb, connect, formatFloat8, makeCanonicalizer, normalizeNumericText, pgNormalizer, prepareSession } from '../support/core-internals.js';
import { serverUrl } from '../support/test-server.js';

// Verification is only sound if catdb's canonical text equals what PostgreSQL prints for the
// stored value. These tests ask the real server.
let client: pg.Client;
beforeAll(async () => {
  client = await connect(serverUrl());
  await prepareSession(client);
});
afterAll(async () => client.end());

const one = async (sql: string, params: unknown[]): Promise<string> => (await client.query<{ v: string }>(sql, params)).rows[0]!.v;
const noCell = { storageClass: () => 'text' as const, exactText: () => '', rawBytes: () => Buffer.alloc(0) };

describe('floats: formatFloat8 equals float8out', () => {
  const values = [0, -0, 1, -1, 0.1, 0.2 + 0.1, 1 / 3, 2 / 3, 1e14, 1e15, 123456789012345.6, 1e-4, 1.2e-5, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 2 ** 53, 2 ** 63, 1e21, 1e22, 123e-20, Math.PI, -Math.E, Infinity, -Infinity, NaN, 0.5, 100, 1234.5678];
  it.each(values)('%d', async (x) => {
    const text = formatFloat8(x);
    expect(await one('SELECT $1::float8::text AS v', [text])).toBe(text);
  });
});

describe('numeric: normalizeNumericText equals numeric_out', () => {
  it.each(['1.50', '1e3', '1.0e-2', '-0', '-0.00', '000123', '.5', '5.', '1E+21', '1.5e-7', '+7', '123456789012345678901234567890.123'])('%s', async (t) => {
    expect(normalizeNumericText(t)).toBe(await one('SELECT $1::numeric::text AS v', [t]));
  });
  it.each([['0.99', 2], ['1', 2], ['1.005', 2], ['-1.005', 2], ['9.995', 2], ['0.004', 2], ['-0.004', 2], ['2.5', 0], ['-2.5', 0]] as const)('%s at scale %d', async (t, s) => {
    expect(normalizeNumericText(t, s)).toBe(await one(`SELECT $1::numeric(20,${s})::text AS v`, [t]));
  });
});

describe('jsonb: canonicalJsonb equals jsonb::text', () => {
  it.each([
    '{"b":1,"a":2}', '{"bb":1,"a":2,"c":3}', '{"a":1,"a":2}', '[1,2,[3,{"z":null,"y":true}]]', ' { } ', '1.50', '1e2', '-0', '1.0e-2',
    '"tab\\there\\u0001"', '"\\u0041\\/"', '{"é":1,"z":2,"ab":3}', '18446744073709551616', '{"nested":{"k":[{"b":2,"a":1}]}}', '"\\ud834\\udd1e"',
  ])('%s', async (t) => {
    expect(canonicalJsonb(t)).toBe(await one('SELECT $1::jsonb::text AS v', [t]));
  });
});

describe('date/time: the canonicalizer equals the PostgreSQL normaliser of the stored value', () => {
  it.each([
    '2024-01-02 03:04:05', '2024-01-02T03:04:05Z', '2024-01-02 03:04:05.123', '2006-01-02 15:04:05.999999999-07:00', '2006-01-02 15:04:05.1234564+05:30',
    '2024-02-29', '0001-01-01 00:00:00', '9999-12-31 23:59:59.999999', '1969-12-31 23:59:59.5',
  ])('timestamptz %s', async (t) => {
    const canonical = makeCanonicalizer('timestamptz')(t, noCell)!;
    // PostgreSQL reads catdb's canonical text (UTC session) and prints it back through the verify normaliser.
    expect(await one(`SELECT ${pgNormalizer('timestamptz', '$1::timestamptz')} AS v`, [canonical])).toBe(canonical);
    // The instant is the same one PostgreSQL itself reads from the original text (when it can read it).
    const direct = await one(`SELECT ${pgNormalizer('timestamptz', '$1::timestamptz')} AS v`, [t.replace(/(\.\d{6})\d+/, '$1')]).catch(() => undefined);
    if (direct !== undefined && !/\.\d{7,}/.test(t)) expect(canonical).toBe(direct);
  });
  it.each(['07:08', '23:59:59.5', '00:00:00'])('time %s', async (t) => {
    const canonical = makeCanonicalizer('time')(t, noCell)!;
    expect(await one(`SELECT ${pgNormalizer('time', '$1::time')} AS v`, [canonical])).toBe(canonical);
  });
  it('bytea and boolean normalisers', async () => {
    expect(await one(`SELECT ${pgNormalizer('bytea', "'\\x00ff'::bytea")} AS v`, [])).toBe(makeCanonicalizer('bytea')(Buffer.from([0, 255]), noCell));
    expect(await one(`SELECT ${pgNormalizer('boolean', 'true')} AS v`, [])).toBe(makeCanonicalizer('boolean')(1, noCell));
  });
});
