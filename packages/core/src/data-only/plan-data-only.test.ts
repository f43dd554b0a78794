import { describe, expect, it } from 'vitest';
import type { TargetColumn } from '../pg/target-table.js';
import type { SqliteSchema, SqliteTable } from '../sqlite/sqlite-schema.js';
import { planDataOnly, type PlanDataOnlyOptions } from './plan-data-only.js';
import type { TargetCatalog, TargetForeignKey } from './target-catalog.js';

const src = (name: string, cols: [string, string][], extra: Partial<SqliteTable> = {}): SqliteTable => ({
  name, sql: '', columns: cols.map(([n, t], i) => ({ name: n, declaredType: t, notNull: false, primaryKeyPosition: i === 0 ? 1 : 0 })),
  primaryKey: [cols[0]![0]], rowidAlias: cols[0]![0], autoincrement: true, withoutRowid: false, uniques: [], indexes: [], foreignKeys: [], checks: [], rowCount: 3, ...extra,
});
const schema = (tables: SqliteTable[]): SqliteSchema => ({ file: 'x', tables, views: [], triggers: [], virtualTables: [], skipped: [], sqliteVersion: '3', encoding: 'UTF-8' });
const col = (name: string, type: string, o: Partial<TargetColumn> = {}): TargetColumn => ({ name, type, notNull: false, hasDefault: false, generated: false, ...o });
const fk = (table: string, column: string, parentTable: string, deferrable = false): TargetForeignKey => ({
  name: `${table}_${column}_fkey`, table, columns: [column], parentSchema: 'public', parentTable, parentColumns: ['id'], deferrable, definition: `FOREIGN KEY (${column}) REFERENCES ${parentTable}(id)`,
});
const catalog = (tables: [string, TargetColumn[]][], foreignKeys: TargetForeignKey[] = []): TargetCatalog => ({
  schema: 'public',
  tables: new Map(tables.map(([name, columns]) => [name, { schema: 'public', name, columns }])),
  foreignKeys,
  sequences: tables.map(([name]) => ({ qualifiedName: `"public"."${name}_id_seq"`, name: `${name}_id_seq`, table: name, column: 'id', identity: false })),
});

const users = src('Users', [['id', 'INTEGER'], ['is_active', 'INTEGER'], ['created_at', 'DATETIME']], { sequenceValue: 9n });
const usersPg = col('id', 'integer', { notNull: true, hasDefault: true });

describe('planDataOnly', () => {
  it.each<[string, SqliteSchema, TargetCatalog, PlanDataOnlyOptions, { kinds?: string[]; tables?: string[]; excluded?: string[] }]>([
    [
      'matches table and columns case-insensitively; no issues',
      schema([users]),
      catalog([['users', [usersPg, col('IS_ACTIVE', 'boolean'), col('created_at', 'timestamp without time zone'), col('note', 'text')]]]),
      {},
      { kinds: [], tables: ['users'] },
    ],
    ['a source table with no target', schema([users, src('extra', [['id', 'INTEGER']])]), catalog([['users', [usersPg, col('is_active', 'boolean'), col('created_at', 'timestamp')]]]), {}, { kinds: ['no-target-table'] }],
    ['…unless excluded', schema([users, src('extra', [['id', 'INTEGER']])]), catalog([['users', [usersPg, col('is_active', 'boolean'), col('created_at', 'timestamp')]]]), { exclude: ['EXTRA'] }, { kinds: [], excluded: ['extra'] }],
    ['a source column with no target', schema([users]), catalog([['users', [usersPg, col('is_active', 'boolean')]]]), {}, { kinds: ['no-target-column'] }],
    ['…unless excluded as table.column', schema([users]), catalog([['users', [usersPg, col('is_active', 'boolean')]]]), { exclude: ['users.created_at'] }, { kinds: [], excluded: ['Users.created_at'] }],
    [
      'a NOT NULL target column without default and without source',
      schema([users]),
      catalog([['users', [usersPg, col('is_active', 'boolean'), col('created_at', 'timestamp'), col('email', 'text', { notNull: true }), col('role', 'text', { notNull: true, hasDefault: true })]]]),
      {},
      { kinds: ['required-column'] },
    ],
    ['a generated target column', schema([users]), catalog([['users', [usersPg, col('is_active', 'boolean', { generated: true }), col('created_at', 'timestamp')]]]), {}, { kinds: ['generated-column'] }],
    ['a target type catdb cannot convert to', schema([users]), catalog([['users', [usersPg, col('is_active', 'boolean'), col('created_at', 'tsvector')]]]), {}, { kinds: ['unsupported-type'] }],
    ['two target tables differing only in case', schema([users]), catalog([['USERS', [usersPg]], ['users_', []], ['uSers', [usersPg]]]), {}, { kinds: ['ambiguous-name'] }],
    [
      'truncate refuses a parent whose child table is not loaded',
      schema([users]),
      catalog([['users', [usersPg, col('is_active', 'boolean'), col('created_at', 'timestamp')]], ['sessions', [usersPg, col('user_id', 'integer')]]], [fk('sessions', 'user_id', 'users')]),
      { existingRows: 'truncate' },
      { kinds: ['truncate-blocked'] },
    ],
  ])('%s', (_name, source, target, options, expected) => {
    const plan = planDataOnly(source, target, options);
    if (expected.kinds) expect(plan.issues.map((i) => i.kind)).toEqual(expected.kinds);
    if (expected.tables) expect(plan.tables.map((t) => t.target)).toEqual(expected.tables);
    if (expected.excluded) expect(plan.excluded).toEqual(expected.excluded);
  });

  it('lists every conversion, orders by target foreign keys, finds cycles and the sequences to reset', () => {
    const source = schema([
      src('media_items', [['id', 'INTEGER'], ['parent_id', 'INTEGER'], ['rating', 'REAL']]),
      src('a', [['id', 'INTEGER'], ['b_id', 'INTEGER']]),
      src('b', [['id', 'INTEGER'], ['a_id', 'INTEGER'], ['media_item_id', 'INTEGER']]),
      users,
    ]);
    const target = catalog(
      [
        ['media_items', [usersPg, col('parent_id', 'integer'), col('rating', 'real')]],
        ['a', [usersPg, col('b_id', 'bigint')]],
        ['b', [usersPg, col('a_id', 'integer'), col('media_item_id', 'integer')]],
        ['users', [usersPg, col('is_active', 'boolean'), col('created_at', 'timestamp without time zone')]],
      ],
      [fk('media_items', 'parent_id', 'media_items'), fk('a', 'b_id', 'b', true), fk('b', 'a_id', 'a'), fk('b', 'media_item_id', 'media_items')],
    );
    const plan = planDataOnly(source, target);
    expect(plan.issues).toEqual([]);
    expect(plan.groups).toEqual([['media_items'], ['a', 'b'], ['users']]);
    expect(plan.tables.map((t) => t.target)).toEqual(['media_items', 'a', 'b', 'users']);
    expect(plan.cycleForeignKeys.map((f) => [f.name, f.deferrable])).toEqual([['a_b_id_fkey', true], ['b_a_id_fkey', false]]);
    expect(plan.sequences.map((s) => s.table)).toEqual(['media_items', 'a', 'b', 'users']);
    expect(plan.tables.find((t) => t.target === 'users')).toMatchObject({ rowidAlias: 'id', sqliteSequence: '9' });
    const conv = Object.fromEntries(plan.conversions.map((c) => [`${c.from} → ${c.to}`, c.columns]));
    expect(conv).toEqual({
      'INTEGER → integer': ['media_items.id', 'media_items.parent_id', 'a.id', 'b.id', 'b.a_id', 'b.media_item_id', 'Users.id'],
      'INTEGER → bigint': ['a.b_id'],
      'INTEGER → boolean': ['Users.is_active'],
      'REAL → real': ['media_items.rating'],
      'DATETIME → timestamp without time zone': ['Users.created_at'],
    });
    expect(plan.conversions.find((c) => c.to === 'real')!.rule).toMatch(/float4/);
  });
});
