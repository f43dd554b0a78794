import { describe, expect, it } from 'vitest';
import type { SqliteColumn, SqliteSchema, SqliteTable } from '../sqlite/sqlite-schema.js';
import { planMigration } from './plan-migration.js';

const column = (name: string, declaredType: string, primaryKeyPosition = 0): SqliteColumn => ({ name, declaredType, notNull: false, primaryKeyPosition });
const table = (name: string, columns: SqliteColumn[], over: Partial<SqliteTable> = {}): SqliteTable => ({
  name, sql: '', columns, primaryKey: columns.filter((c) => c.primaryKeyPosition > 0).map((c) => c.name), autoincrement: false, withoutRowid: false,
  uniques: [], indexes: [], foreignKeys: [], checks: [], rowCount: 0, ...over,
});
const unit = table('unit', [column('code', 'TEXT', 1), column('deprecated', 'BOOLEAN'), column('made', 'TEXT')], {
  checks: [{ expression: 'deprecated IN (0, 1)' }, { expression: 'length(code) >= 1' }, { expression: "made IS NULL OR datetime(made) IS NOT NULL" }],
});
const schema = (views: SqliteSchema['views']): SqliteSchema => ({ file: 'x.db', tables: [unit], views, triggers: [], virtualTables: [], skipped: [], sqliteVersion: '3.46.0', encoding: 'UTF-8' });
const views = [
  { name: 'recent', sql: "CREATE VIEW recent AS SELECT code FROM unit WHERE made > datetime('now', '-1 day')", columns: ['code'] },
  { name: 'plain', sql: 'CREATE VIEW plain AS SELECT code FROM unit WHERE deprecated = 0', columns: ['code'] },
];

describe('planMigration: catdb_sqlite', () => {
  it('lists the compat statements the views and CHECKs need, and nothing for those that need none', () => {
    const plan = planMigration(schema(views), new Map());
    expect(plan.compat?.[0]).toBe('CREATE SCHEMA IF NOT EXISTS catdb_sqlite');
    expect(plan.compat?.filter((s) => /FUNCTION catdb_sqlite\.(\w+)\(/.test(s)).map((s) => /FUNCTION catdb_sqlite\.(\w+)\(/.exec(s)![1])).toEqual(['time_value', 'datetime']);
    expect(plan.views.map((v) => v.sql)).toEqual([
      `CREATE VIEW "public"."recent" AS SELECT "code" FROM "unit" WHERE "made" > catdb_sqlite.datetime('now', '-1 day')`,
      'CREATE VIEW "public"."plain" AS SELECT "code" FROM "unit" WHERE "deprecated" = FALSE',
    ]);
    expect(plan.postLoad.filter((s) => s.phase === 'check').map((s) => s.sql.replace(/^.* CHECK /, 'CHECK '))).toEqual([
      'CHECK ("deprecated" IN (FALSE, TRUE))',
      'CHECK (length("code") >= 1)',
      'CHECK ("made" IS NULL OR catdb_sqlite.datetime("made") IS NOT NULL)',
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('with compatFunctions false, creates none and leaves out what needs it, with the reason', () => {
    const plan = planMigration(schema(views), new Map(), { compatFunctions: false });
    expect(plan.compat).toEqual([]);
    expect(plan.views.map((v) => v.source)).toEqual(['plain']);
    expect(plan.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['unit_check2', expect.stringContaining('datetime(), which needs catdb')],
      ['recent', expect.stringContaining('datetime(), which needs catdb')],
    ]);
  });
});
