import { describe, expect, it } from 'vitest';
import { mapNowDefault } from './map-now-default.js';
import type { ValueKind } from '../codec/value-kind.js';

describe('mapNowDefault', () => {
  it.each<[string, ValueKind, ReturnType<typeof mapNowDefault>]>([
    ["strftime('%Y-%m-%dT%H:%M:%fZ','now')", 'text', { sql: `to_char((now() AT TIME ZONE 'UTC'), 'YYYY"-"MM"-"DD"T"HH24":"MI":"SS.MS"Z"')` }],
    ["(strftime('%Y-%m-%dT%H:%M:%fZ', CURRENT_TIMESTAMP))", 'text', { sql: `to_char(date_trunc('second', now() AT TIME ZONE 'UTC'), 'YYYY"-"MM"-"DD"T"HH24":"MI":"SS.MS"Z"')` }],
    ["strftime('%Y-%m-%dT%H:%M:%fZ','now')", 'timestamptz', { sql: 'CURRENT_TIMESTAMP' }],
    ["strftime('%Y-%m-%dT%H:%M:%fZ',CURRENT_TIMESTAMP)", 'timestamp', { sql: "(now() AT TIME ZONE 'UTC')" }],
    ["datetime('now','localtime')", 'text', { sql: `to_char(LOCALTIMESTAMP, 'YYYY-MM-DD HH24:MI:SS')` }],
    ["datetime('now','localtime')", 'timestamp', { sql: 'LOCALTIMESTAMP' }],
    ["date('now')", 'text', { sql: `to_char((now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD')` }],
    ["time('now')", 'text', { sql: `to_char((now() AT TIME ZONE 'UTC'), 'HH24:MI:SS')` }],
    ["unixepoch('now')", 'integer', { sql: 'extract(epoch FROM now())::bigint' }],
    ["strftime('%s','now')", 'text', { sql: 'extract(epoch FROM now())::bigint::text' }],
    ["julianday('now')", 'float', { sql: '(extract(epoch FROM now()) / 86400 + 2440587.5)::double precision' }],
    ["date('now')", 'timestamptz', undefined],
    ["strftime('%W','now')", 'text', { dropped: "strftime('%W','now')", reason: expect.stringContaining('no PostgreSQL equivalent') }],
    ["datetime('now','+1 day')", 'text', { dropped: "datetime('now','+1 day')", reason: expect.stringContaining('modifiers') }],
    ["datetime('now')", 'integer', { dropped: "datetime('now')", reason: expect.stringContaining('not a unix time') }],
    ["datetime('2020-01-01')", 'text', undefined],
    ["upper('now')", 'text', undefined],
    ["datetime('now')", 'boolean', undefined],
  ])('%s on a %s column', (expr, kind, expected) => {
    expect(mapNowDefault(expr, kind)).toEqual(expected);
  });
});
