import { afterAll, describe, expect, it } from 'vitest';
import { planSqliteMigration, verifyMigration } from '@catdb/core';
import { expectError, expectResult, migrateOrError } from '../support/migrate-or-error.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// GIS data names a bounding box xmin, ymin, xmax, ymax (QGIS's own qgis.db does), but xmin and
// xmax are PostgreSQL system columns that no table column may be named. They are numbered like
// any taken name, and every CHECK, index, view and trigger that names them follows.
const files = scratchDir('catdb-system-columns-');
afterAll(() => files.remove());
const pg = useScratchDatabase('syscols');

const source = writeSqlite(files.path('extents.db'), (db) => {
  db.exec(`
    CREATE TABLE extents (id INTEGER PRIMARY KEY, name TEXT, xmin REAL, ymin REAL, xmax REAL, ymax REAL, ctid TEXT, CHECK (xmin <= xmax));
    CREATE INDEX extents_box ON extents (xmin, ymin, xmax, ymax);
    CREATE VIEW widths AS SELECT name, xmax - xmin AS width FROM extents WHERE xmin IS NOT NULL;
    CREATE TABLE log (extent INTEGER, old_xmin REAL);
    CREATE TRIGGER extents_moved AFTER UPDATE OF xmin ON extents BEGIN INSERT INTO log VALUES (OLD.id, OLD.xmin); END;
    INSERT INTO extents VALUES (1, 'world', -180, -90, 180, 90, 'a'), (2, 'point', 5, 5, 5, 5, NULL), (3, 'empty', NULL, NULL, NULL, NULL, 'c');`);
});

describe('columns named like PostgreSQL system columns', () => {
  it('are numbered with a warning, and every object naming them follows', async () => {
    const schema = 'system_columns';
    const plan = planSqliteMigration({ source, schema });
    const columns = plan.tables.find((t) => t.source === 'extents')!.columns.map((c) => c.target);
    expect(columns).toEqual(['id', 'name', 'xmin_1', 'ymin', 'xmax_1', 'ymax', 'ctid_1']);

    const result = expectResult(await migrateOrError({ source, target: pg.url, schema }));
    expect(result.verification?.ok).toBe(true);
    expect(result.warnings.map((w) => w.object).sort()).toEqual(['extents.ctid', 'extents.xmax', 'extents.xmin']);
    expect(result.warnings.find((w) => w.object === 'extents.xmin')!.message).toMatch(/"xmin_1".*system column/);
    // `migrate verify` on its own finds the numbered columns too.
    const verified = await verifyMigration({ source, target: pg.url, schema });
    expect(verified.tables.map((t) => [t.table, t.ok])).toEqual([
      ['extents', true],
      ['log', true],
    ]);

    await pg.client.query(`SET search_path = ${schema}`);
    try {
      const widths = await pg.client.query<{ name: string; width: number }>('SELECT name, width FROM widths ORDER BY name');
      expect(widths.rows).toEqual([
        { name: 'point', width: 0 },
        { name: 'world', width: 360 },
      ]);
      const index = await pg.client.query<{ def: string }>("SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index JOIN pg_class c ON c.oid = indexrelid WHERE c.relname = 'extents_box'");
      expect(index.rows[0]!.def).toContain('(xmin_1, ymin, xmax_1, ymax)');
      await expect(pg.client.query('INSERT INTO extents (id, xmin_1, xmax_1) VALUES (9, 2, 1)')).rejects.toMatchObject({ code: '23514' });
      await pg.client.query('UPDATE extents SET xmin_1 = -170 WHERE id = 1');
      expect((await pg.client.query('SELECT extent::int AS extent, old_xmin FROM log')).rows).toEqual([{ extent: 1, old_xmin: -180 }]);
    } finally {
      await pg.client.query('RESET search_path');
    }
  });

  it('--strict-types stops before any change, naming the table and column', async () => {
    const err = expectError(await migrateOrError({ source, target: pg.url, schema: 'system_columns_strict', strictTypes: true }));
    expect(err.code).toBe('MAP_IDENTIFIER_COLLISION');
    expect(err.message).toContain('Column "xmin" of table "extents" becomes "xmin", the name of a PostgreSQL system column');
    const schemas = await pg.client.query("SELECT 1 FROM pg_namespace WHERE nspname = 'system_columns_strict'");
    expect(schemas.rowCount).toBe(0);
  });
});
