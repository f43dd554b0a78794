import { describe, expect, it } from 'vitest';
import type { SqliteTable, SqliteVirtualTable } from '../sqlite/sqlite-schema.js';
import { spatialIndexOf } from '../sqlite/spatial-index-of.js';
import { planVirtualTables } from './plan-virtual-tables.js';

const vt = (name: string, module: string, sql: string, extra: Partial<SqliteVirtualTable> = {}): SqliteVirtualTable => ({ name, module, sql, shadowTables: [], readable: false, ...extra });
const table = (name: string, columns: string[]): SqliteTable =>
  ({ name, columns: columns.map((c) => ({ name: c, declaredType: '', notNull: false, primaryKeyPosition: 0 })) }) as unknown as SqliteTable;
const all = (): boolean => true;

describe('planVirtualTables', () => {
  it('words each module for what it is, and counts as not created only what cannot arrive', () => {
    const { skipped, warnings } = planVirtualTables(
      {
        tables: [table('docs', ['id', 'body']), table('nc.gpkg', ['fid', 'geom'])],
        virtualTables: [
          vt('docs_fts', 'fts5', "CREATE VIRTUAL TABLE docs_fts USING fts5(body, content='docs', content_rowid='id')", { shadowTables: ['docs_fts_data', 'docs_fts_idx'] }),
          vt('notes', 'fts4', 'CREATE VIRTUAL TABLE notes USING fts4(title, body)', { readable: true, shadowTables: ['notes_content'] }),
          vt('blind', 'fts5', "CREATE VIRTUAL TABLE blind USING fts5(a, content='')"),
          vt('rtree_nc.gpkg_geom', 'rtree', 'CREATE VIRTUAL TABLE "rtree_nc.gpkg_geom" USING rtree(id, minx, maxx, miny, maxy)', { indexes: { table: 'nc.gpkg', column: 'geom' }, shadowTables: ['rtree_nc.gpkg_geom_node'] }),
          vt('boxes', 'rtree', 'CREATE VIRTUAL TABLE boxes USING rtree(id, x0, x1)', { readable: true }),
          vt('SpatialIndex', 'VirtualSpatialIndex', 'CREATE VIRTUAL TABLE SpatialIndex USING VirtualSpatialIndex()'),
          vt('mesh', 'geopoly', 'CREATE VIRTUAL TABLE mesh USING geopoly(a)'),
        ],
      },
      all,
    );
    expect(skipped.map((s) => [s.name, s.notCreated ?? '-', s.reason])).toEqual([
      ['docs_fts_data', '-', 'shadow table of the full-text (FTS5) table docs_fts, kept by SQLite for it'],
      ['docs_fts_idx', '-', 'shadow table of the full-text (FTS5) table docs_fts, kept by SQLite for it'],
      ['docs_fts', '-', 'full-text (FTS5) table over table docs, whose rows arrive with that table; for search in PostgreSQL add a tsvector column and a GIN index to it'],
      ['notes_content', '-', 'shadow table of the full-text (FTS4) table notes, kept by SQLite for it'],
      ['blind', 'table', 'full-text (FTS5) table not carried: it is contentless: SQLite keeps only its index, not its text'],
      ['rtree_nc.gpkg_geom_node', '-', 'shadow table of the R*Tree rtree_nc.gpkg_geom, kept by SQLite for it'],
      ['rtree_nc.gpkg_geom', '-', 'R*Tree indexing nc.gpkg.geom: derived from the geometries, so not carried; in PostgreSQL use a GiST index (PostGIS)'],
      ['SpatialIndex', '-', "virtual table of SpatiaLite's module VirtualSpatialIndex, which this SQLite does not have; it keeps no rows of its own (it queries other tables), so nothing is lost"],
      ['mesh', 'table', 'virtual table of the module geopoly, whose rows catdb cannot read (this SQLite does not have the module, or it keeps no rows of its own)'],
    ]);
    expect(warnings.map((w) => w.object)).toEqual(['notes', 'boxes']);
    expect(warnings[0]!.message).toMatch(/^full-text \(FTS4\) table migrated as an ordinary table of its text \(its index is not rebuilt\); for search in PostgreSQL add a tsvector column and a GIN index/);
    expect(warnings[1]!.message).toMatch(/^R\*Tree migrated as an ordinary table of its bounds .*GiST/);
    expect(skipped.some((s) => /full-text/.test(s.reason) && /rtree|R\*Tree/.test(s.name))).toBe(false);
  });

  it('counts an external-content FTS table as not created when its content table is left out', () => {
    const { skipped } = planVirtualTables({ tables: [table('docs', ['id'])], virtualTables: [vt('f', 'fts5', "CREATE VIRTUAL TABLE f USING fts5(a, content=docs)")] }, (n) => n !== 'docs');
    expect(skipped).toEqual([{ name: 'f', reason: 'full-text (FTS5) table not carried: its content table docs is not migrated', sql: 'CREATE VIRTUAL TABLE f USING fts5(a, content=docs)', notCreated: 'table' }]);
  });
});

describe('spatialIndexOf', () => {
  const tables = [table('nc.gpkg', ['fid', 'geom']), table('roads', ['id', 'the_geom'])];
  it.each([
    ['rtree_nc.gpkg_geom', 'rtree', { table: 'nc.gpkg', column: 'geom' }],
    ['idx_roads_the_geom', 'rtree', { table: 'roads', column: 'the_geom' }],
    ['rtree_roads_nope', 'rtree', undefined],
    ['rtree_nc.gpkg_geom', 'fts5', undefined],
    ['boxes', 'rtree', undefined],
  ])('%s using %s', (name, module, expected) => {
    expect(spatialIndexOf({ name, module }, tables)).toEqual(expected);
  });
});
