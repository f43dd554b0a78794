import { describe, expect, it } from 'vitest';
import { emptyProfile, type ColumnProfile } from '../sqlite/column-profile.js';
import type { SqliteColumn, SqliteTable } from '../sqlite/sqlite-schema.js';
import { parseCastRule } from './cast-rules.js';
import { mapColumn } from './map-column.js';

const table = (over: Partial<SqliteTable> = {}): SqliteTable => ({
  name: 't', sql: '', columns: [], primaryKey: [], autoincrement: false, withoutRowid: false, uniques: [], indexes: [], foreignKeys: [], checks: [], rowCount: 0, ...over,
});
const col = (declaredType: string, name = 'c'): SqliteColumn => ({ name, declaredType, notNull: false, primaryKeyPosition: 0 });
const prof = (over: Partial<ColumnProfile>): ColumnProfile => ({ ...emptyProfile(), ...over });

describe('mapColumn: declared types through the default cast table', () => {
  it.each([
    ['INTEGER', undefined, 'bigint', 'integer'],
    ['INT', undefined, 'bigint', 'integer'],
    ['BIGINT', undefined, 'bigint', 'integer'],
    ['intege', undefined, 'bigint', 'integer'],
    ['TINYINT', prof({ integers: 2, minInteger: 0n, maxInteger: 1n }), 'smallint', 'integer'],
    ['SMALLINT', prof({ integers: 1, minInteger: 0n, maxInteger: 40000n }), 'integer', 'integer'],
    ['smallint unsigned', prof({ integers: 1, minInteger: 0n, maxInteger: 65535n }), 'integer', 'integer'],
    ['MEDIUMINT', prof({ integers: 1, maxInteger: 2n ** 40n, minInteger: 0n }), 'bigint', 'integer'],
    ['BOOLEAN', undefined, 'boolean', 'boolean'],
    ['DATETIME', undefined, 'timestamptz', 'timestamptz'],
    ['TIMESTAMP', undefined, 'timestamptz', 'timestamptz'],
    ['DATE', undefined, 'date', 'date'],
    ['TIME', undefined, 'time', 'time'],
    ['REAL', undefined, 'double precision', 'float'],
    ['FLOAT', undefined, 'double precision', 'float'],
    ['double precision', undefined, 'double precision', 'float'],
    ['NUMERIC(10,2)', prof({ reals: 3, maxAbsNumber: 99.99 }), 'numeric(10,2)', 'numeric'],
    ['NUMERIC(10,2)', prof({ reals: 3, maxAbsNumber: 1.5, offScale: 1 }), 'numeric', 'numeric'],
    ['NUMERIC(4,2)', prof({ reals: 1, maxAbsNumber: 123.4 }), 'numeric', 'numeric'],
    ['DECIMAL', undefined, 'numeric', 'numeric'],
    ['BLOB', undefined, 'bytea', 'bytea'],
    ['BLOB SUB_TYPE TEXT', undefined, 'text', 'text'],
    ['JSON', undefined, 'jsonb', 'jsonb'],
    ['UUID', undefined, 'uuid', 'uuid'],
    ['NVARCHAR(40)', prof({ texts: 2, maxTextLength: 40 }), 'varchar(40)', 'text'],
    ['NVARCHAR(40)', prof({ texts: 2, maxTextLength: 41 }), 'text', 'text'],
    // A modifier that is not a whole number is not one PostgreSQL takes.
    ['VARCHAR(1.5)', prof({ texts: 1, maxTextLength: 1 }), 'text', 'text'],
    ['NUMERIC(10,2.5)', prof({ reals: 1, maxAbsNumber: 1 }), 'numeric', 'numeric'],
    ['CHAR(5)', prof({ texts: 1, maxTextLength: 3 }), 'varchar(5)', 'text'],
    ['VARCHAR(8000)', prof({ texts: 1, maxTextLength: 10 }), 'varchar(8000)', 'text'],
    ['TEXT', undefined, 'text', 'text'],
    ['text nocase', undefined, 'text', 'text'],
    ['STRANGE', undefined, 'numeric', 'numeric'], // NUMERIC affinity fallback
  ])('%j (%o) → %s', (declared, profile, pgType, kind) => {
    const m = mapColumn(table(), col(declared), profile as ColumnProfile | undefined, []);
    expect(m.pgType).toBe(pgType);
    expect(m.kind).toBe(kind);
    expect(m.rule).toBeTruthy();
  });
});

describe('mapColumn: no declared type → from the data', () => {
  it.each([
    [prof({ integers: 3 }), 'bigint'],
    [prof({ integers: 3, reals: 1, maxAbsNumber: 10 }), 'double precision'],
    [prof({ integers: 3, reals: 1, maxAbsNumber: 2 ** 60 }), 'numeric'],
    [prof({ reals: 2 }), 'double precision'],
    [prof({ texts: 2 }), 'text'],
    [prof({ texts: 2, integers: 1 }), 'text'],
    [prof({ blobs: 1 }), 'bytea'],
    [prof({ blobs: 1, texts: 1 }), 'bytea'],
    [prof({ nulls: 5 }), 'text'],
  ])('%o → %s', (profile, pgType) => {
    expect(mapColumn(table(), col(''), profile, []).pgType).toBe(pgType);
  });
});

describe('mapColumn: rowid aliases become serial', () => {
  const t = (seq?: bigint) => table({ rowidAlias: 'id', primaryKey: ['id'], ...(seq !== undefined ? { sequenceValue: seq } : {}) });
  it.each([
    [t(), prof({ integers: 5, maxInteger: 5n, minInteger: 1n }), 'serial'],
    [t(), prof({ integers: 5, maxInteger: 2n ** 31n, minInteger: 1n }), 'bigserial'],
    [t(2n ** 33n), prof({ integers: 5, maxInteger: 5n, minInteger: 1n }), 'bigserial'],
  ])('%#', (tbl, profile, pgType) => {
    const m = mapColumn(tbl, col('INTEGER', 'id'), profile, []);
    expect(m.pgType).toBe(pgType);
    expect(m.serial).toBe(true);
  });
  it('a user rule on the id column wins', () => {
    const m = mapColumn(t(), col('INTEGER', 'id'), undefined, [parseCastRule('column t.id to bigint')]);
    expect(m).toMatchObject({ pgType: 'bigint', serial: false });
  });
});

describe('mapColumn: values the declared type cannot carry', () => {
  const cases: [string, ColumnProfile, string, string, string][] = [
    ['INTEGER', prof({ integers: 1, texts: 1 }), '1 text value in an integer column', 'text', 'text'],
    ['INTEGER', prof({ reals: 2, maxAbsNumber: 2.5 }), '2 fractional values in an integer column', 'double precision', 'float'],
    ['INTEGER', prof({ integers: 1, reals: 1, minInteger: 2n ** 60n, maxInteger: 2n ** 60n }), 'fractional', 'numeric', 'numeric'],
    ['POINT', prof({ blobs: 4, nulls: 1 }), '4 BLOB values in an integer column', 'bytea', 'bytea'],
    ['MULTIPOLYGON', prof({ blobs: 4 }), '4 BLOB values in a numeric column', 'bytea', 'bytea'],
    ['NUMERIC', prof({ integers: 3, reals: 1, texts: 2 }), '2 non-numeric text values in a numeric column', 'text', 'text'],
    ['NUMERIC(10,2)', prof({ reals: 1, texts: 1, maxAbsNumber: 1 }), 'non-numeric text', 'text', 'text'],
    ['REAL', prof({ texts: 1 }), '1 text value in a floating-point column', 'text', 'text'],
    ['REAL', prof({ integers: 1, minInteger: 0n, maxInteger: 2n ** 60n }), 'beyond 2^53', 'bigint', 'integer'],
    ['BOOLEAN', prof({ integers: 2, minInteger: 0n, maxInteger: 2n }), 'other than 0/1', 'smallint', 'integer'],
    ['BOOLEAN', prof({ integers: 2, minInteger: 0n, maxInteger: 70000n }), 'other than 0/1', 'integer', 'integer'],
    ['DATETIME', prof({ blobs: 1, texts: 3 }), '1 BLOB value in a date/time column', 'bytea', 'bytea'],
    ['UUID', prof({ integers: 1 }), '1 numeric value in a uuid column', 'bigint', 'integer'],
    ['JSON', prof({ blobs: 1 }), 'BLOB value in a JSON column', 'bytea', 'bytea'],
  ];
  it.each(cases)('%s with %o: the data decides', (declared, profile, reason, pgType, kind) => {
    const m = mapColumn(table(), col(declared), profile, []);
    expect(m).toMatchObject({ pgType, kind, decision: { reason: expect.stringContaining(reason), cast: `--cast 'column t.c to ${pgType}'` } });
    expect(m.problem).toBeUndefined();
    expect(m.rule).toContain(`the data decides → ${pgType}`);
  });
  it.each(cases)('%s with %o: --strict-types stops with the same type as the fix', (declared, profile, reason, pgType) => {
    const m = mapColumn(table(), col(declared), profile, [], { strictTypes: true });
    expect(m.problem).toEqual({ message: expect.stringContaining(reason), fix: `--cast 'column t.c to ${pgType}'` });
    expect(m.decision).toBeUndefined();
  });
  it('a type chosen by a user rule is never overruled', () => {
    const m = mapColumn(table(), col('TEXT'), prof({ texts: 1, integers: 1 }), [parseCastRule('column t.c to bigint')]);
    expect(m).toMatchObject({ pgType: 'bigint', userCast: true, problem: { fix: "--cast 'column t.c to text'" } });
    expect(m.decision).toBeUndefined();
  });
  it('quotes odd names for the rule and the shell', () => {
    const m = mapColumn(table({ name: 'nc.gpkg' }), col('POINT', "it's"), prof({ blobs: 1 }), [], { strictTypes: true });
    expect(m.problem?.fix).toBe(`--cast 'column "nc.gpkg"."it'\\''s" to bytea'`);
  });
  it('clean data has no problem and no decision', () => {
    const m = mapColumn(table(), col('INTEGER'), prof({ integers: 10, nulls: 2, minInteger: 0n, maxInteger: 9n }), []);
    expect(m.problem).toBeUndefined();
    expect(m.decision).toBeUndefined();
  });
});
