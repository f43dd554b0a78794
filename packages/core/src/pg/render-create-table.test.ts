import { describe, expect, it } from 'vitest';
import type { ColumnPlan, TablePlan } from '../plan/migration-plan.js';
import { renderCreateTable } from './render-create-table.js';

const column = (target: string, pgType: string, extra: Partial<ColumnPlan> = {}): ColumnPlan => ({ source: target, target, declaredType: '', pgType, kind: 'integer', notNull: false, rule: '', notes: [], ...extra });
const table = (serialColumn?: TablePlan['serialColumn'], idType = 'serial'): TablePlan => ({
  source: 'T',
  target: 't',
  rowCount: 0,
  readKey: { kind: 'rowid' },
  columns: [column('id', idType, { notNull: true }), column('n', 'bigint', { notNull: true, defaultSql: '0' })],
  ...(serialColumn ? { serialColumn } : {}),
});

describe('renderCreateTable', () => {
  it.each<[string, TablePlan, string]>([
    ['a serial column PostgreSQL names the sequence of', table({ target: 'id' }), 'CREATE TABLE "s"."t" (\n  "id" serial,\n  "n" bigint NOT NULL DEFAULT 0\n)'],
    [
      'a serial column whose sequence the plan names',
      table({ target: 'id', sequence: 't_id_seq1' }),
      'CREATE SEQUENCE "s"."t_id_seq1" AS integer;\nCREATE TABLE "s"."t" (\n  "id" integer NOT NULL DEFAULT nextval(\'"s"."t_id_seq1"\'::regclass),\n  "n" bigint NOT NULL DEFAULT 0\n);\nALTER SEQUENCE "s"."t_id_seq1" OWNED BY "s"."t"."id"',
    ],
    [
      'a bigserial one, with quotes in the name',
      table({ target: 'id', sequence: 'it\'s "seq"' }, 'bigserial'),
      'CREATE SEQUENCE "s"."it\'s ""seq""" AS bigint;\nCREATE TABLE "s"."t" (\n  "id" bigint NOT NULL DEFAULT nextval(\'"s"."it\'\'s ""seq"""\'::regclass),\n  "n" bigint NOT NULL DEFAULT 0\n);\nALTER SEQUENCE "s"."it\'s ""seq""" OWNED BY "s"."t"."id"',
    ],
  ])('%s', (_what, plan, expected) => {
    expect(renderCreateTable('s', plan)).toBe(expected);
  });
});
