import { describe, expect, it } from 'vitest';
import type { SqliteColumn, SqliteSchema, SqliteTable, SqliteTrigger } from '../sqlite/sqlite-schema.js';
import { planMigration } from './plan-migration.js';

const column = (name: string, declaredType: string, primaryKeyPosition = 0): SqliteColumn => ({ name, declaredType, notNull: false, primaryKeyPosition });
const table = (name: string, columns: SqliteColumn[], over: Partial<SqliteTable> = {}): SqliteTable => ({
  name, sql: '', columns, primaryKey: columns.filter((c) => c.primaryKeyPosition > 0).map((c) => c.name), autoincrement: false, withoutRowid: false,
  uniques: [], indexes: [], foreignKeys: [], checks: [], rowCount: 0, ...over,
});
const jobs = table('jobs', [column('id', 'INTEGER', 1), column('n', 'INTEGER')], { rowidAlias: 'id' });
const log = table('log', [column('id', 'INTEGER', 1), column('what', 'TEXT')], { rowidAlias: 'id' });
const long = 'x'.repeat(70);
const trigger = (name: string, on: string, body = `SELECT RAISE(ABORT, 'no') WHERE NEW.n < 0`): SqliteTrigger => ({ name, table: on, sql: `CREATE TRIGGER "${name}" BEFORE INSERT ON ${on} BEGIN ${body}; END` });
const schema = (triggers: SqliteTrigger[], over: Partial<SqliteSchema> = {}): SqliteSchema => ({
  file: 'x.db', tables: [jobs, log], views: [], triggers, virtualTables: [], skipped: [], sqliteVersion: '3.46.0', encoding: 'UTF-8', ...over,
});

describe('planMigration: triggers', () => {
  it('carries what it translates, and lists the rest with its SQL as not created', () => {
    const plan = planMigration(schema([trigger('checked', 'jobs'), trigger('quiet', 'jobs', 'SELECT RAISE(IGNORE)')]), new Map());
    expect(plan.triggers.map((t) => [t.name, t.target, t.shape])).toEqual([['checked', 'checked', 'raise']]);
    expect(plan.skipped).toEqual([{ name: 'quiet', reason: expect.stringMatching(/^trigger on jobs not translated: it uses RAISE\(IGNORE\)/), sql: trigger('quiet', 'jobs', 'SELECT RAISE(IGNORE)').sql, notCreated: 'trigger' }]);
  });

  it('cuts a long name to 63 bytes, and refuses the second of two names cut alike', () => {
    const plan = planMigration(schema([trigger(`${long}_a`, 'jobs'), trigger(`${long}_b`, 'jobs')]), new Map());
    expect(plan.triggers.map((t) => t.target)).toEqual(['x'.repeat(63)]);
    expect(plan.skipped.map((s) => s.reason)).toEqual([`trigger on jobs not translated: its name cut to PostgreSQL's 63 bytes is that of trigger ${long}_a`]);
  });

  it('leaves a trigger out with its excluded table, without counting it as not created', () => {
    const plan = planMigration(schema([trigger('checked', 'log', `SELECT RAISE(ABORT, 'no') WHERE NEW.what IS NULL`)]), new Map(), { exclude: ['log'] });
    expect(plan.triggers).toEqual([]);
    expect(plan.skipped.find((s) => s.name === 'checked')).toEqual({ name: 'checked', reason: 'trigger on log, which is excluded by --include/--exclude' });
  });

  it('leaves out the upkeep triggers of a spatial index with the index', () => {
    const parcels = table('parcels', [column('fid', 'INTEGER', 1), column('geom', 'BLOB')], { rowidAlias: 'fid' });
    const upkeep = { name: 'rtree_parcels_geom_delete', table: 'parcels', sql: 'CREATE TRIGGER rtree_parcels_geom_delete AFTER DELETE ON parcels BEGIN DELETE FROM rtree_parcels_geom WHERE id = OLD.fid; END' };
    const rtree = { name: 'rtree_parcels_geom', module: 'rtree', sql: '', shadowTables: [], readable: true, indexes: { table: 'parcels', column: 'geom' } };
    const plan = planMigration(schema([upkeep], { tables: [parcels], virtualTables: [rtree] }), new Map());
    expect(plan.triggers).toEqual([]);
    expect(plan.skipped.find((s) => s.name === upkeep.name)).toEqual({ name: upkeep.name, reason: expect.stringMatching(/^upkeep trigger of the R\*Tree rtree_parcels_geom, which is derived from parcels/) });
  });
});
