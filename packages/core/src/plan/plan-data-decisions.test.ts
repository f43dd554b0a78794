import { describe, expect, it } from 'vitest';
import { emptyProfile, type ColumnProfile } from '../sqlite/column-profile.js';
import type { SqliteColumn, SqliteSchema, SqliteTable } from '../sqlite/sqlite-schema.js';
import { parseCastRule } from '../mapping/cast-rules.js';
import { planMigration } from './plan-migration.js';

const column = (name: string, declaredType: string, primaryKeyPosition = 0): SqliteColumn => ({ name, declaredType, notNull: false, primaryKeyPosition });
const table = (name: string, columns: SqliteColumn[], over: Partial<SqliteTable> = {}): SqliteTable => ({
  name, sql: '', columns, primaryKey: columns.filter((c) => c.primaryKeyPosition > 0).map((c) => c.name), autoincrement: false, withoutRowid: false,
  uniques: [], indexes: [], foreignKeys: [], checks: [], rowCount: 10, ...over,
});
const schema = (tables: SqliteTable[]): SqliteSchema => ({ file: 'x.db', tables, views: [], triggers: [], virtualTables: [], skipped: [], sqliteVersion: '3.46.0', encoding: 'UTF-8' });
const prof = (over: Partial<ColumnProfile>): ColumnProfile => ({ ...emptyProfile(), ...over });

const parent = table('parent', [column('id', 'INTEGER', 1)], { rowidAlias: 'id' });
const child = table('child', [column('id', 'INTEGER', 1), column('parent_id', 'INTEGER')], {
  rowidAlias: 'id',
  foreignKeys: [{ id: 0, columns: ['parent_id'], referencedTable: 'parent', referencedColumns: ['id'], onUpdate: 'NO ACTION', onDelete: 'NO ACTION', deferrable: false }],
});
const crs = table('crs', [column('auth_name', 'TEXT', 1), column('code', 'TEXT', 2), column('name', 'TEXT')]);
const profiles = new Map([
  ['child', new Map([['parent_id', prof({ integers: 8, texts: 1, nulls: 1 })]])],
  ['crs', new Map([['auth_name', prof({ nulls: 0 })], ['code', prof({ nulls: 4 })]])],
]);

describe('planMigration: what the data decides', () => {
  const plan = planMigration(schema([parent, child, crs]), profiles);

  it('a column its declaration cannot carry: the type that carries it, as a decision and a warning', () => {
    expect(plan.decisions).toEqual([{ table: 'child', column: 'parent_id', declaredType: 'INTEGER', declaredAs: 'bigint', pgType: 'text', reason: '1 text value in an integer column', cast: "--cast 'column child.parent_id to text'" }]);
    expect(plan.tables.find((t) => t.source === 'child')!.columns[1]).toMatchObject({ pgType: 'text', kind: 'text', decided: true });
    expect(plan.warnings.map((w) => w.object)).toEqual(expect.arrayContaining(['child.parent_id']));
    expect(plan.problems).toEqual([]);
  });

  it('a foreign key between the decided column and an integer key is left out, with a warning', () => {
    expect(plan.postLoad.filter((s) => s.phase === 'foreign-key')).toEqual([]);
    expect(plan.warnings.find((w) => w.object === 'child')?.message).toMatch(/^foreign key child\(parent_id\) → parent left out: child\.parent_id is text and parent\.id is serial/);
  });

  it('a key holding NULLs becomes UNIQUE; only its columns that hold NULLs lose NOT NULL', () => {
    const t = plan.tables.find((x) => x.source === 'crs')!;
    expect(t.primaryKey).toMatchObject({ columns: ['auth_name', 'code'], nullable: true });
    expect(t.columns.map((c) => [c.source, c.notNull])).toEqual([['auth_name', true], ['code', false], ['name', false]]);
    expect(plan.postLoad.find((s) => s.table === 'crs')?.sql).toBe('ALTER TABLE "public"."crs" ADD CONSTRAINT "crs_pkey" UNIQUE ("auth_name", "code")');
    expect(plan.warnings.find((w) => w.object === 'crs')?.message).toContain('holds NULLs (4 in code)');
  });

  it('--strict-types: problems instead, a PRIMARY KEY and the foreign key as declared', () => {
    const strict = planMigration(schema([parent, child, crs]), profiles, { strictTypes: true });
    expect(strict.decisions).toEqual([]);
    expect(strict.problems.map((p) => [`${p.table}.${p.column}`, p.fix])).toEqual([
      ['child.parent_id', "--cast 'column child.parent_id to text'"],
      ['crs.code', '--on-error skip-row (rejects those rows) or give them keys in SQLite'],
    ]);
    expect(strict.postLoad.find((s) => s.table === 'crs')?.sql).toContain('PRIMARY KEY ("auth_name", "code")');
    expect(strict.postLoad.filter((s) => s.phase === 'foreign-key')).toHaveLength(1);
  });

  it('a user --cast is kept even against the data, and its foreign key left out with a warning', () => {
    const cast = planMigration(schema([parent, child]), profiles, { casts: [parseCastRule('column child.parent_id to text')] });
    expect(cast.decisions).toEqual([]);
    expect(cast.tables.find((t) => t.source === 'child')!.columns[1]).toMatchObject({ pgType: 'text', userCast: true });
    expect(cast.warnings.find((w) => w.object === 'child')?.message).toContain('a --cast chose text for child.parent_id');
  });
});

describe('planMigration: decisions that keep SQL working', () => {
  const unit = table('unit', [column('auth_name', 'TEXT', 1), column('code', 'INTEGER_OR_TEXT', 2)]);
  const prime = table('prime', [column('id', 'INTEGER', 1), column('uom_auth_name', 'TEXT'), column('uom_code', 'INTEGER_OR_TEXT')], {
    rowidAlias: 'id',
    foreignKeys: [{ id: 0, columns: ['uom_auth_name', 'uom_code'], referencedTable: 'unit', referencedColumns: ['auth_name', 'code'], onUpdate: 'NO ACTION', onDelete: 'NO ACTION', deferrable: false }],
    checks: [{ expression: 'length(uom_code) > 0' }],
  });
  const codes = new Map([
    ['unit', new Map([['code', prof({ integers: 5, texts: 2 })]])],
    ['prime', new Map([['uom_code', prof({ integers: 5 })]])],
  ]);

  it('a number column referencing a key the data made text becomes text too, so the foreign key is made; its CHECK reads it as text', () => {
    const plan = planMigration(schema([unit, prime]), codes);
    expect(plan.decisions.map((d) => [`${d.table}.${d.column}`, d.pgType, d.cast])).toEqual([
      ['unit.code', 'text', "--cast 'column unit.code to text'"],
      ['prime.uom_code', 'text', "--cast 'column prime.uom_code to text'"],
    ]);
    expect(plan.postLoad.filter((s) => s.phase === 'foreign-key').map((s) => s.name)).toEqual(['prime_uom_auth_name_uom_code_fkey']);
    expect(plan.postLoad.find((s) => s.phase === 'check')?.sql).toContain('CHECK (length("uom_code") > 0)');
  });

  it('a --cast on the child is kept, and the foreign key left out with a warning', () => {
    const plan = planMigration(schema([unit, prime]), codes, { casts: [parseCastRule('column prime.uom_code to bigint')] });
    expect(plan.postLoad.filter((s) => s.phase === 'foreign-key')).toEqual([]);
    expect(plan.warnings.some((w) => w.object === 'prime' && w.message.includes('left out'))).toBe(true);
  });

  it('a TEXT column holding BLOBs that are not UTF-8 becomes bytea; valid ones stay text', () => {
    const files = table('files', [column('id', 'INTEGER', 1), column('name', 'TEXT'), column('other', 'TEXT')], { rowidAlias: 'id' });
    const plan = planMigration(schema([files]), new Map([['files', new Map([['name', prof({ blobs: 2, notUtf8: 1 })], ['other', prof({ blobs: 3 })]])]]));
    expect(plan.decisions).toEqual([{ table: 'files', column: 'name', declaredType: 'TEXT', declaredAs: 'text', pgType: 'bytea', reason: '1 BLOB value that is not valid UTF-8 text in a text column', cast: "--cast 'column files.name to bytea'" }]);
    expect(plan.tables[0]!.columns.map((c) => c.pgType)).toEqual(['serial', 'bytea', 'text']);
  });
});

describe('planMigration: names equal in their first 63 bytes', () => {
  const long = 't'.repeat(63);
  const a = table(`${long}_a`, [column('id', 'INTEGER', 1)], { rowidAlias: 'id' });
  const b = table(`${long}_b`, [column('id', 'INTEGER', 1), column('a_id', 'INTEGER')], {
    rowidAlias: 'id',
    foreignKeys: [{ id: 0, columns: ['a_id'], referencedTable: `${long}_a`, referencedColumns: ['id'], onUpdate: 'NO ACTION', onDelete: 'NO ACTION', deferrable: false }],
  });
  const view = { name: 'v', sql: `CREATE VIEW v AS SELECT id FROM ${long}_b`, columns: ['id'] };

  it('the later table is numbered, with a warning; its foreign key and the views that read it follow', () => {
    const plan = planMigration({ ...schema([a, b]), views: [view] }, new Map());
    expect(plan.tables.map((t) => t.target)).toEqual([long, `${'t'.repeat(61)}_1`]);
    expect(plan.warnings.find((w) => w.object === `${long}_b`)?.message).toContain(`table named "${'t'.repeat(61)}_1"`);
    expect(plan.postLoad.find((s) => s.phase === 'foreign-key')?.sql).toContain(`REFERENCES "public"."${long}" ("id")`);
    expect(plan.views[0]!.sql).toContain(`FROM "${'t'.repeat(61)}_1"`);
  });

  it('--strict-types stops instead', () => {
    expect(() => planMigration(schema([a, b]), new Map(), { strictTypes: true })).toThrow(/both become/);
  });
});
