import { describe, expect, it } from 'vitest';
import { affinityOf, parseDeclaredType } from './parse-declared-type.js';

describe('affinityOf (SQLite datatype3 §3.1, rules in order)', () => {
  it.each([
    ['INT', 'INTEGER'],
    ['INTEGER', 'INTEGER'],
    ['TINYINT', 'INTEGER'],
    ['BIGINT', 'INTEGER'],
    ['UNSIGNED BIG INT', 'INTEGER'],
    ['intege', 'INTEGER'],
    ['POINT', 'INTEGER'], // contains "INT": SQLite's rule 1, quirky but real
    ['CHARACTER(20)', 'TEXT'],
    ['NVARCHAR(100)', 'TEXT'],
    ['CLOB', 'TEXT'],
    ['text nocase', 'TEXT'],
    ['BLOB', 'BLOB'],
    ['', 'BLOB'],
    ['REAL', 'REAL'],
    ['DOUBLE PRECISION', 'REAL'],
    ['FLOAT', 'REAL'],
    ['NUMERIC', 'NUMERIC'],
    ['DECIMAL(10,5)', 'NUMERIC'],
    ['BOOLEAN', 'NUMERIC'],
    ['DATETIME', 'NUMERIC'],
    ['FLOATING POINT', 'INTEGER'], // "POINT" contains INT, rule 1 wins over FLOA
  ])('%j → %s', (declared, affinity) => {
    expect(affinityOf(declared)).toBe(affinity);
  });
});

describe('parseDeclaredType', () => {
  it.each([
    ['NVARCHAR(160)', 'NVARCHAR', [160]],
    ['NUMERIC(10,2)', 'NUMERIC', [10, 2]],
    ['numeric(20, 6)', 'NUMERIC', [20, 6]],
    ['smallint  unsigned', 'SMALLINT UNSIGNED', []],
    ['"double precision"', 'DOUBLE PRECISION', []],
    ['BLOB SUB_TYPE TEXT', 'BLOB SUB_TYPE TEXT', []],
    ['', '', []],
    ['varchar(255) COLLATE nocase', 'VARCHAR COLLATE NOCASE', [255]],
  ])('%j → base %j, typmod %j', (raw, base, typmod) => {
    const t = parseDeclaredType(raw);
    expect(t.base).toBe(base);
    expect(t.typmod).toEqual(typmod);
    expect(t.raw).toBe(raw);
  });
});
