import { describe, expect, it } from 'vitest';
import { pgTypeName } from './pg-type-name.js';

describe('pgTypeName', () => {
  it.each<[string, string | undefined]>([
    ['bigint', 'bigint'],
    ['Double  Precision', 'double precision'],
    ['numeric( 12 , 02 )', 'numeric(12,2)'],
    ['varchar(40)', 'varchar(40)'],
    ['timestamp with time zone', 'timestamp with time zone'],
    ['varchar(1.5)', undefined],
    ['text; DROP TABLE t', undefined],
    ['text -- x', undefined],
    ['"text"', undefined],
    ['numeric(1,2,3)', undefined],
    ['', undefined],
  ])('%j → %j', (text, name) => expect(pgTypeName(text)).toBe(name));
});
