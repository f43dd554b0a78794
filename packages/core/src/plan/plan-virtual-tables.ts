import type { SqliteSchema, SqliteVirtualTable } from '../sqlite/sqlite-schema.js';
import type { PlanWarning, SkippedObject } from './migration-plan.js';

/** SpatiaLite modules that keep no rows of their own: they query other tables (or their spatial index). */
const SPATIALITE_WRAPPERS = new Set(['virtualspatialindex', 'virtualelementary', 'virtualknn', 'virtualknn2', 'virtualbbox', 'virtualfdo', 'virtualgpkg', 'virtualxpath']);

/**
 * What happens to each virtual table and its shadow tables, worded for its module: FTS and
 * R*Tree tables with rows of their own are migrated as ordinary tables (a warning says so and
 * what PostgreSQL offers instead); an FTS index over another table and a spatial index are
 * derived (skipped, no loss); a module this SQLite lacks is named, and its rows count as not created.
 */
export function planVirtualTables(schema: Pick<SqliteSchema, 'virtualTables' | 'tables'>, included: (name: string) => boolean): { skipped: SkippedObject[]; warnings: PlanWarning[] } {
  const skipped: SkippedObject[] = [];
  const warnings: PlanWarning[] = [];
  const tableNames = new Set(schema.tables.filter((t) => included(t.name)).map((t) => t.name.toLowerCase()));
  for (const v of schema.virtualTables) {
    const what = describeModule(v);
    for (const shadow of v.shadowTables) skipped.push({ name: shadow, reason: `shadow table of the ${what} ${v.name}, kept by SQLite for it` });
    if (!included(v.name)) {
      skipped.push({ name: v.name, reason: 'excluded by --include/--exclude' });
      continue;
    }
    const fts = /^fts[345]$/i.test(v.module);
    if (v.indexes) {
      skipped.push({ name: v.name, reason: `${what} indexing ${v.indexes.table}.${v.indexes.column}: derived from the geometries, so not carried; in PostgreSQL use a GiST index (PostGIS)` });
    } else if (v.readable) {
      const advice = fts
        ? `for search in PostgreSQL add a tsvector column and a GIN index, e.g. ALTER TABLE … ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(…, ''))) STORED; CREATE INDEX ON … USING gin (search)`
        : 'for spatial search in PostgreSQL use a GiST index (a box column, or PostGIS)';
      warnings.push({ object: v.name, message: `${what} migrated as an ordinary table of its ${fts ? 'text' : 'bounds'} (its index is not rebuilt); ${advice}` });
    } else if (fts) {
      const content = contentOption(v.sql);
      if (content && tableNames.has(content.toLowerCase())) {
        skipped.push({ name: v.name, reason: `${what} over table ${content}, whose rows arrive with that table; for search in PostgreSQL add a tsvector column and a GIN index to it` });
      } else {
        const why = content === '' ? 'it is contentless: SQLite keeps only its index, not its text' : content ? `its content table ${content} is not migrated` : 'this SQLite cannot read it';
        skipped.push({ name: v.name, reason: `${what} not carried: ${why}`, sql: v.sql, notCreated: 'table' });
      }
    } else if (SPATIALITE_WRAPPERS.has(v.module.toLowerCase())) {
      skipped.push({ name: v.name, reason: `virtual table of SpatiaLite's module ${v.module}, which this SQLite does not have; it keeps no rows of its own (it queries other tables), so nothing is lost` });
    } else {
      skipped.push({ name: v.name, reason: `virtual table of the module ${v.module || '(unnamed)'}, whose rows catdb cannot read${/^rtree/i.test(v.module) ? '' : ' (this SQLite does not have the module, or it keeps no rows of its own)'}`, sql: v.sql, notCreated: 'table' });
    }
  }
  return { skipped, warnings };
}

/** `full-text (FTS5) table`, `R*Tree`, or the module's name. */
function describeModule(v: Pick<SqliteVirtualTable, 'module'>): string {
  if (/^fts[345]$/i.test(v.module)) return `full-text (${v.module.toUpperCase()}) table`;
  if (/^rtree(_i32)?$/i.test(v.module)) return 'R*Tree';
  return `virtual table (module ${v.module || 'unnamed'})`;
}

/** The `content=` option of an FTS table: '' for contentless, a table name for external content, undefined if absent. */
function contentOption(sql: string): string | undefined {
  const m = /\bcontent\s*=\s*(?:'((?:[^']|'')*)'|"((?:[^"]|"")*)"|([^\s,)]+))/i.exec(sql);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replaceAll("''", "'") : m[2] !== undefined ? m[2].replaceAll('""', '"') : m[3]!;
}
