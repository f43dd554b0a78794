import { describe, expect, it } from 'vitest';
import { CatdbError } from '../errors.js';
import type { ColumnPlan, TablePlan } from '../plan/migration-plan.js';
import { renderCreateTable } from './render-create-table.js';

const table = (pgType: string): TablePlan => ({
  source: 'T',
  target: 't',
  rowCount: 0,
  readKey: { kind: 'rowid' },
  columns: [{ source: 'A', target: 'a', declaredType: '', pgType, kind: 'numeric', notNull: true, defaultSql: '0', rule: '', notes: [] } satisfies ColumnPlan],
});

describe('renderCreateTable', () => {
  it('writes the type name in its one canonical form', () => {
    expect(renderCreateTable('s', table('NUMERIC( 10 , 2 )'))).toBe('CREATE TABLE "s"."t" (\n  "a" numeric(10,2) NOT NULL DEFAULT 0\n)');
  });

  it.each(['numeric); DROP TABLE x; --', 'text /* x */', '"text"'])('refuses the type name %j', (pgType) => {
    expect(() => renderCreateTable('s', table(pgType))).toThrow(CatdbError);
    try {
      renderCreateTable('s', table(pgType));
    } catch (err) {
      expect((err as CatdbError).code).toBe('MAP_UNSUPPORTED');
      expect((err as CatdbError).message).toContain('T.A');
    }
  });
});
