import { describe, expect, it } from 'vitest';
import { mapDefault } from './map-default.js';
import type { ValueKind } from '../codec/value-kind.js';

describe('mapDefault', () => {
  it.each<[string | undefined, ValueKind, object]>([
    [undefined, 'text', { none: true }],
    ['NULL', 'integer', { none: true }],
    ['0', 'integer', { sql: '0' }],
    ["'0'", 'integer', { sql: '0' }],
    ['-12', 'integer', { sql: '-12' }],
    ['1.5', 'float', { sql: '1.5' }],
    ['0', 'boolean', { sql: 'false' }],
    ['1', 'boolean', { sql: 'true' }],
    ["'t'", 'boolean', { sql: 'true' }],
    ['TRUE', 'boolean', { sql: 'true' }],
    ["'abc'", 'text', { sql: "'abc'" }],
    ["'it''s'", 'text', { sql: "'it''s'" }],
    ['""', 'text', { sql: "''" }],
    ["'a\\b'", 'text', { sql: "E'a\\\\b'" }],
    // E'' keeps the backslash whatever standard_conforming_strings says.
    ["X'CAFE'", 'bytea', { sql: "E'\\\\xcafe'::bytea" }],
    // Text on a bytea column is its UTF-8 bytes, not bytea input syntax.
    ["'\\xdead'", 'bytea', { sql: "E'\\\\x5c7864656164'::bytea" }],
    ['0x10', 'integer', { sql: '16' }],
    ['-0x10', 'integer', { sql: '-16' }],
    ['0xFFFFFFFFFFFFFFFF', 'integer', { sql: '-1' }],
    ['1_000', 'integer', { sql: '1000' }],
    ['(1 /* one */)', 'integer', { sql: '1' }],
    ["('(')", 'text', { sql: "'('" }],
    ["'a'';DROP TABLE x;--'", 'text', { sql: "'a'';DROP TABLE x;--'" }],
    ['CURRENT_TIMESTAMP', 'timestamptz', { sql: 'CURRENT_TIMESTAMP' }],
    ['CURRENT_TIMESTAMP', 'timestamp', { sql: "(now() AT TIME ZONE 'UTC')" }],
    ['current_timestamp', 'text', { sql: "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')" }],
    ["(datetime('now'))", 'timestamptz', { sql: 'CURRENT_TIMESTAMP' }],
    ["(strftime('%Y-%m-%d %H:%M:%f', 'now'))", 'timestamptz', { sql: 'CURRENT_TIMESTAMP' }],
    ["(DATETIME('now', 'localtime'))", 'timestamp', { sql: 'LOCALTIMESTAMP' }],
    ['current_date', 'date', { sql: "((now() AT TIME ZONE 'UTC')::date)" }],
    ["strftime('%s','now')", 'integer', { sql: 'extract(epoch FROM now())::bigint' }],
    ['0', 'timestamptz', { sql: "'1970-01-01 00:00:00.000+00'" }],
    ["'2024-01-02 03:04:05'", 'timestamptz', { sql: "'2024-01-02 03:04:05+00'" }],
    ["'2024-01-02'", 'date', { sql: "'2024-01-02'" }],
    ["'{}'", 'jsonb', { sql: "'{}'::jsonb" }],
  ])('%j on %s → %o', (input, kind, expected) => {
    expect(mapDefault(input, kind)).toEqual(expected);
  });

  it.each<[string, ValueKind, string]>([
    ["'\"0\"'", 'integer', 'not an integer'],
    ['random()', 'integer', 'no PostgreSQL translation'],
    ["'yes-ish'", 'boolean', 'not a boolean'],
    ['CURRENT_TIMESTAMP', 'boolean', 'does not fit'],
    ["'{broken'", 'jsonb', 'not valid JSON'],
    ["'abc'", 'timestamptz', 'not a date/time'],
    ['1 ; DROP TABLE x', 'integer', 'no PostgreSQL translation'],
    ['99999999999999999', 'timestamptz', 'beyond any date'],
    ['1_', 'integer', 'no PostgreSQL translation'],
    ['0x1_0000_0000_0000_0000', 'integer', 'no PostgreSQL translation'],
  ])('drops %j on %s with the reason', (input, kind, reason) => {
    const m = mapDefault(input, kind);
    expect(m).toMatchObject({ dropped: input });
    expect((m as { reason: string }).reason).toContain(reason);
  });
});
