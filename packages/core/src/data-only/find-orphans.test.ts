import { describe, expect, it } from 'vitest';
import { findOrphans, parentKeyName, type ChildReferences, type ParentKeys } from './find-orphans.js';

const fk = (table: string, column: string, parentTable: string) => ({ name: `${table}_${column}_fkey`, table, columns: [column], parentTable, parentColumns: ['id'] });
const parents = (table: string, ids: number[]): [string, ParentKeys] => [parentKeyName(table, ['id']), { table, columns: ['id'], byRow: new Map(ids.map((id) => [id, String(id)])) }];
const refs = (table: string, column: string, parentTable: string, rows: [number, number][]): ChildReferences => ({
  foreignKey: fk(table, column, parentTable),
  sourceTable: table,
  rows: rows.map(([row, key]) => ({ row, key: String(key) })),
});

describe('findOrphans', () => {
  it.each<[string, ChildReferences[], [string, ParentKeys][], [string, Set<string>][], boolean, [string, number, boolean][]]>([
    ['no orphans', [refs('media_files', 'media_item_id', 'media_items', [[1, 10], [2, 11]])], [parents('media_items', [10, 11])], [], false, []],
    ['a missing parent', [refs('media_files', 'media_item_id', 'media_items', [[1, 10], [2, 99]])], [parents('media_items', [10])], [], false, [['media_files', 2, false]]],
    ['a parent already in the target is no orphan', [refs('users_meta', 'user_id', 'users', [[1, 5]])], [], [[parentKeyName('users', ['id']), new Set(['5'])]], false, []],
    [
      'self-reference: a child of an orphan directory is an orphan only when orphans are left out',
      [refs('files', 'parent_id', 'files', [[2, 1], [3, 2], [4, 77]])].concat([]),
      [parents('files', [1, 2, 3, 4])],
      [],
      false,
      [['files', 4, false]],
    ],
    [
      'cascade: rows under a left-out row are left out too, and say so',
      [refs('files', 'parent_id', 'files', [[5, 4], [4, 77]]), refs('media_files', 'file_id', 'files', [[1, 5]])],
      [parents('files', [4, 5])],
      [],
      true,
      [['files', 4, false], ['files', 5, true], ['media_files', 1, true]],
    ],
  ])('%s', (_name, references, parentList, existing, cascade, expected) => {
    const out = findOrphans(references, new Map(parentList), new Map(existing), cascade);
    expect(out.map((o) => [o.table, o.row, o.cascaded])).toEqual(expected);
  });

  it('names the key values and the parent', () => {
    const [o] = findOrphans([refs('media_files', 'media_item_id', 'media_items', [[7, 99]])], new Map([parents('media_items', [1])]), new Map(), false);
    expect(o).toMatchObject({ table: 'media_files', row: 7, columns: ['media_item_id'], values: ['99'], parentTable: 'media_items', parentColumns: ['id'] });
  });
});
