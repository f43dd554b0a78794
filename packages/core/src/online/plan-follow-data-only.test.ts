import { describe, expect, it } from 'vitest';
import type { DataOnlyPlan, DataOnlyTable } from '../data-only/data-only-plan.js';
import { planFollowDataOnly } from './plan-follow-data-only.js';

const table = (source: string, t: Partial<DataOnlyTable> = {}): DataOnlyTable => ({
  source,
  target: source.toLowerCase(),
  readKey: { kind: 'rowid' },
  rowCount: 5,
  columns: [
    { source: 'ID', target: 'id', sourceType: 'INTEGER', targetType: 'integer', kind: 'integer', notNull: true },
    { source: 'Name', target: 'name', sourceType: 'TEXT', targetType: 'character varying(40)', kind: 'text', notNull: false },
    { source: 'Price', target: 'price', sourceType: 'REAL', targetType: 'numeric(10,2)', kind: 'numeric', notNull: false },
  ],
  ...t,
});
const plan: DataOnlyPlan = {
  schema: 'app',
  tables: [table('Parents', { rowidAlias: 'ID' }), table('Kids', { rowidAlias: 'ID' }), table('Pairs', { readKey: { kind: 'columns', columns: ['Name', 'ID'] } }), table('Surrogate')],
  groups: [],
  foreignKeys: [
    { name: 'kids_fk', table: 'kids', columns: ['id'], parentSchema: 'app', parentTable: 'parents', parentColumns: ['id'], deferrable: false, definition: '' },
    { name: 'other_fk', table: 'kids', columns: ['id'], parentSchema: 'elsewhere', parentTable: 'x', parentColumns: ['id'], deferrable: false, definition: '' },
  ],
  cycleForeignKeys: [],
  sequences: [
    { qualifiedName: 'app.parents_id_seq', name: 'parents_id_seq', table: 'parents', column: 'id', identity: false },
    { qualifiedName: 'app.surrogate_id_seq', name: 'surrogate_id_seq', table: 'surrogate', column: 'id', identity: false },
  ],
  conversions: [],
  issues: [],
  excluded: [],
  targetOnly: [],
};
const follow = planFollowDataOnly(
  plan,
  [
    { name: 'Parents', key: { kind: 'rowid' } },
    { name: 'Kids', key: { kind: 'rowid' } },
    { name: 'Pairs', key: { kind: 'columns', columns: ['Name', 'ID'] } },
    { name: 'Surrogate', key: { kind: 'columns', columns: ['Name'] } },
  ],
  new Map([
    ['parents', ['id']],
    ['kids', ['id']],
    ['pairs', ['id', 'name']],
    ['surrogate', ['id']],
  ]),
  new Map([['Kids', 12]]),
);
const byName = new Map(follow.tables.map((t) => [t.source, t]));

describe('planFollowDataOnly', () => {
  it('keys a table by the captured key when the target primary key is those columns, in the captured order', () => {
    expect(byName.get('Parents')).toMatchObject({ key: { kind: 'rowid' }, primaryKey: ['id'] });
    expect(byName.get('Pairs')).toMatchObject({ key: { kind: 'columns', columns: ['Name', 'ID'] }, primaryKey: ['name', 'id'], readKey: { kind: 'columns', columns: ['Name', 'ID'] } });
  });

  it('reloads at cutover a table whose target key is not the captured one', () => {
    expect(byName.get('Surrogate')).toMatchObject({ key: { kind: 'none' }, primaryKey: [] });
  });

  it('builds each column as the target type says, the way the load builds its codec', () => {
    expect(byName.get('Parents')!.columns).toEqual([
      { source: 'ID', target: 'id', kind: 'integer', pgType: 'integer', notNull: true },
      { source: 'Name', target: 'name', kind: 'text', pgType: 'character varying', notNull: false, maxLength: 40 },
      { source: 'Price', target: 'price', kind: 'numeric', pgType: 'numeric', notNull: false, precision: 10, scale: 2 },
    ]);
  });

  it('moves the sequences of serial columns, with sqlite_sequence only where the column is the rowid', () => {
    expect(byName.get('Parents')).toMatchObject({ serialColumn: 'id', serialFromSqlite: true });
    expect(byName.get('Surrogate')).toMatchObject({ serialColumn: 'id', serialFromSqlite: false });
    expect(byName.get('Kids')!.serialColumn).toBeUndefined();
  });

  it('keeps load order, timings, and the foreign keys inside the schema', () => {
    expect(follow.tables.map((t) => t.source)).toEqual(['Parents', 'Kids', 'Pairs', 'Surrogate']);
    expect(byName.get('Kids')!.verifyMs).toBe(12);
    expect(follow.foreignKeys).toEqual([{ name: 'kids_fk', table: 'kids', parent: 'parents' }]);
  });
});
