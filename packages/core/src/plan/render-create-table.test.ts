import { describe, expect, it } from 'vitest';
import { CatdbError } from '../errors.js';
import type { ColumnPlan, TablePlan } from './migration-plan.js';
import { renderCreateTable } from './render-create-table.js';

const column = (target: string, pgType: string, extra: Partial<ColumnPlan> = {}): ColumnPlan => ({ source: target, target, declaredType: '', pgType, kind: 'integer', notNull: false, rule: '', notes: [], ...extra });
const serialTable = (serialColumn?: TablePlan['serialColumn'], idType = 'serial'): TablePlan => ({
  source: 'T',
  target: 't',
  rowCount: 0,
  readKey: { kind: 'rowid' },
  columns: [column('id', idType, { notNull: true }), column('n', 'bigint', { notNull: true, defaultSql: '0' })],
  ...(serialColumn ? { serialColumn } : {}),
});

describe('renderCreateTable: serial columns', () => {
  it.each<[string, TablePlan, string[]]>([
    ['a serial column PostgreSQL names the sequence of', serialTable({ target: 'id' }), ['CREATE TABLE "s"."t" (\n  "id" serial,\n  "n" bigint NOT NULL DEFAULT 0\n)']],
    [
      'a serial column whose sequence the plan names',
      serialTable({ target: 'id', sequence: 't_id_seq1' }),
      [
        'CREATE SEQUENCE "s"."t_id_seq1" AS integer',
        'CREATE TABLE "s"."t" (\n  "id" integer NOT NULL DEFAULT nextval(\'"s"."t_id_seq1"\'::regclass),\n  "n" bigint NOT NULL DEFAULT 0\n)',
        'ALTER SEQUENCE "s"."t_id_seq1" OWNED BY "s"."t"."id"',
      ],
    ],
    [
      'a bigserial one, with quotes in the name',
      serialTable({ target: 'id', sequence: 'it\'s "seq"' }, 'bigserial'),
      [
        'CREATE SEQUENCE "s"."it\'s ""seq""" AS bigint',
        'CREATE TABLE "s"."t" (\n  "id" bigint NOT NULL DEFAULT nextval(\'"s"."it\'\'s ""seq"""\'::regclass),\n  "n" bigint NOT NULL DEFAULT 0\n)',
        'ALTER SEQUENCE "s"."it\'s ""seq""" OWNED BY "s"."t"."id"',
      ],
    ],
  ])('%s', (_what, plan, expected) => {
    expect(renderCreateTable('s', plan)).toEqual(expected);
  });
});

const typedTable = (pgType: string): TablePlan => ({
  source: 'T',
  target: 't',
  rowCount: 0,
  readKey: { kind: 'rowid' },
  columns: [{ source: 'A', target: 'a', declaredType: '', pgType, kind: 'numeric', notNull: true, defaultSql: '0', rule: '', notes: [] } satisfies ColumnPlan],
});

describe('renderCreateTable: type names', () => {
  it('writes the type name in its one canonical form', () => {
    expect(renderCreateTable('s', typedTable('NUMERIC( 10 , 2 )'))).toEqual(['CREATE TABLE "s"."t" (\n  "a" numeric(10,2) NOT NULL DEFAULT 0\n)']);
  });

  it.each(['numeric); DROP TABLE x; --', 'text /* x */', '"text"'])('refuses the type name %j', (pgType) => {
    expect(() => renderCreateTable('s', typedTable(pgType))).toThrow(CatdbError);
    try {
      renderCreateTable('s', typedTable(pgType));
    } catch (err) {
      expect((err as CatdbError).code).toBe('MAP_UNSUPPORTED');
      expect((err as CatdbError).message).toContain('T.A');
    }
  });
});
