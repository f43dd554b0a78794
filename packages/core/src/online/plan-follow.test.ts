import { describe, expect, it } from 'vitest';
import type { ColumnPlan, MigrationPlan, TablePlan } from '../plan/migration-plan.js';
import { planFollow } from './plan-follow.js';

const col = (source: string, pgType = 'text', extra: Partial<ColumnPlan> = {}): ColumnPlan => ({ source, target: source.toLowerCase(), declaredType: '', pgType, kind: pgType === 'text' ? 'text' : 'integer', notNull: false, rule: '', notes: [], ...extra });
const tablePlan = (source: string, t: Partial<TablePlan>): TablePlan => ({ source, target: source.toLowerCase(), rowCount: 3, readKey: { kind: 'rowid' }, columns: [col('Id', 'serial'), col('Name', 'varchar(20)', { maxLength: 20, kind: 'text' })], ...t });
const plan: MigrationPlan = {
  source: 'app.db',
  schema: 'app',
  identifiers: 'lower',
  tables: [
    tablePlan('Child', { primaryKey: { name: 'child_pkey', columns: ['id'] }, serialColumn: { target: 'id' } }),
    tablePlan('Parent', { primaryKey: { name: 'parent_pkey', columns: ['id'] } }),
    tablePlan('Log', {}),
    tablePlan('Tags', { readKey: { kind: 'columns', columns: ['Name', 'Id'] }, primaryKey: { name: 'tags_pkey', columns: ['name', 'id'] } }),
    tablePlan('Skipped', { primaryKey: { name: 's_pkey', columns: ['id'] } }),
  ],
  postLoad: [{ phase: 'foreign-key', table: 'child', name: 'child_fk', sql: '', critical: true, foreignKey: { childColumns: ['id'], parentTable: 'parent', parentColumns: ['id'] } }],
  views: [],
  triggers: [],
  skipped: [],
  warnings: [],
  problems: [],
};

describe('planFollow', () => {
  const follow = planFollow(
    plan,
    [
      { name: 'Child', key: { kind: 'rowid' } },
      { name: 'Parent', key: { kind: 'rowid' } },
      { name: 'Log', key: { kind: 'none' } },
      { name: 'Tags', key: { kind: 'columns', columns: ['Name', 'Id'] } },
    ],
    new Map([['Child', 42]]),
  );

  it('follows the captured tables only, parents before children', () => {
    const order = follow.tables.map((t) => t.source);
    expect([...order].sort()).toEqual(['Child', 'Log', 'Parent', 'Tags']);
    expect(order.indexOf('Parent')).toBeLessThan(order.indexOf('Child'));
    expect(follow.foreignKeys).toEqual([{ name: 'child_fk', table: 'child', parent: 'parent' }]);
    expect(follow.schema).toBe('app');
  });

  it('keeps keys, conflict targets, limits, sequences and timings', () => {
    const child = follow.tables.find((t) => t.source === 'Child')!;
    expect(child).toMatchObject({ key: { kind: 'rowid' }, primaryKey: ['id'], serialColumn: 'id', serialFromSqlite: true, verifyMs: 42, rowCount: 3 });
    expect(child.columns[1]).toEqual({ source: 'Name', target: 'name', kind: 'text', pgType: 'varchar(20)', notNull: false, maxLength: 20 });
    const tags = follow.tables.find((t) => t.source === 'Tags')!;
    expect(tags).toMatchObject({ key: { kind: 'columns', columns: ['Name', 'Id'] }, primaryKey: ['name', 'id'], readKey: { kind: 'columns', columns: ['Name', 'Id'] }, verifyMs: 0 });
  });

  it('follows a table whose target has no primary key as keyless, whatever its capture', () => {
    expect(follow.tables.find((t) => t.source === 'Log')).toMatchObject({ key: { kind: 'none' }, primaryKey: [] });
    const noPk = planFollow({ ...plan, tables: [tablePlan('X', {})], postLoad: [] }, [{ name: 'X', key: { kind: 'rowid' } }]);
    expect(noPk.tables[0]).toMatchObject({ key: { kind: 'none' }, primaryKey: [] });
  });
});
