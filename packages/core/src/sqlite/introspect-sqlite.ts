import { isCaptureObjectName } from './capture-names.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import { spatialIndexOf } from './spatial-index-of.js';
import type { SqliteDatabase } from './open-sqlite.js';
import { columnKey, indexColumnTexts, parseCreateTable, partialIndexWhere } from './parse-create-table.js';
import type { SqliteColumn, SqliteForeignKey, SqliteIndex, SqliteSchema, SqliteTable, SqliteVirtualTable } from './sqlite-schema.js';

interface TableListRow {
  schema: string;
  name: string;
  type: string;
  wr: number;
}
interface XInfoRow {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}
interface IndexListRow {
  name: string;
  unique: number;
  origin: 'c' | 'u' | 'pk';
  partial: number;
}
interface IndexXInfoRow {
  seqno: number;
  cid: number;
  name: string | null;
  desc: number;
  coll: string;
  key: number;
}
interface FkRow {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
}

/**
 * Reads tables, columns, keys, indexes, foreign keys, CHECKs, generated columns,
 * views and triggers from an open database (inside its read snapshot). Skips SQLite's
 * internal tables and the shadow tables of virtual (FTS) tables, and says so.
 */
export function introspectSqlite(db: SqliteDatabase, file: string): SqliteSchema {
  const master = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table','view','trigger','index')").all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  const sqlOf = new Map(master.map((m) => [`${m.type}:${m.name}`, m.sql ?? '']));
  const tableList = db.prepare("PRAGMA main.table_list").all() as TableListRow[];
  const schema: SqliteSchema = {
    file,
    tables: [],
    views: [],
    triggers: [],
    virtualTables: [],
    skipped: [],
    sqliteVersion: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    encoding: (db.prepare('PRAGMA encoding').pluck().get() as string) ?? 'UTF-8',
  };
  const sequences = readSequences(db, tableList);
  const shadows: string[] = [];
  const readable: SqliteTable[] = [];
  for (const entry of tableList) {
    if (entry.schema !== 'main') continue;
    if (entry.type === 'view') {
      schema.views.push({ name: entry.name, sql: sqlOf.get(`view:${entry.name}`) ?? '', columns: viewColumns(db, entry.name) });
      continue;
    }
    if (entry.name.startsWith('sqlite_')) {
      schema.skipped.push({ name: entry.name, reason: 'SQLite internal table' });
      continue;
    }
    if (isCaptureObjectName(entry.name)) {
      schema.skipped.push({ name: entry.name, reason: "catdb's change capture (online migration)" });
      continue;
    }
    if (entry.type === 'shadow') {
      shadows.push(entry.name);
      continue;
    }
    if (entry.type === 'virtual') {
      const { virtual, table } = introspectVirtualTable(db, entry, sqlOf.get(`table:${entry.name}`) ?? '', sequences);
      schema.virtualTables.push(virtual);
      if (table) readable.push(table);
      continue;
    }
    schema.tables.push(introspectTable(db, entry, sqlOf, sequences));
  }
  for (const m of master) {
    if (m.type === 'trigger' && !isCaptureObjectName(m.name)) schema.triggers.push({ name: m.name, table: m.tbl_name, sql: m.sql ?? '' });
  }
  // A spatial index is derived from its geometry column; any other readable virtual table's rows are carried.
  for (const table of readable) {
    const virtual = schema.virtualTables.find((v) => v.name === table.name)!;
    const indexes = spatialIndexOf(virtual, schema.tables);
    if (indexes) virtual.indexes = indexes;
    else schema.tables.push(table);
  }
  // A shadow table is named after its virtual table: `<vtab>_<suffix>` (the longest such owner).
  for (const name of shadows) {
    const owner = schema.virtualTables.filter((v) => name.toLowerCase().startsWith(`${v.name.toLowerCase()}_`)).sort((a, b) => b.name.length - a.name.length)[0];
    if (owner) owner.shadowTables.push(name);
    else schema.skipped.push({ name, reason: 'shadow table of a virtual table that is not in the file' });
  }
  schema.tables.sort((a, b) => a.name.localeCompare(b.name));
  return schema;
}

/**
 * A virtual table and, where this SQLite has its module and it stores rows of its own (FTS
 * with its own content, R*Tree), the same table read as an ordinary one.
 */
function introspectVirtualTable(db: SqliteDatabase, entry: TableListRow, sql: string, sequences: Map<string, bigint>): { virtual: SqliteVirtualTable; table?: SqliteTable } {
  const module = /\bUSING\s+("?)([A-Za-z_][A-Za-z0-9_]*)\1/i.exec(sql)?.[2] ?? '';
  const virtual: SqliteVirtualTable = { name: entry.name, module, sql, shadowTables: [], readable: false };
  if (!/^(fts[345]|rtree(_i32)?)$/i.test(module) || /\bcontent\s*=/i.test(sql)) return { virtual };
  try {
    // The CREATE VIRTUAL TABLE text is not a CREATE TABLE: the columns come from SQLite itself.
    const table = introspectTable(db, entry, new Map(), sequences);
    virtual.readable = true;
    return { virtual, table };
  } catch {
    // The module is missing from this SQLite: the table is reported by its module's name.
    return { virtual };
  }
}

function viewColumns(db: SqliteDatabase, name: string): string[] {
  try {
    return (db.prepare(`PRAGMA main.table_info(${quoteSqliteIdent(name)})`).all() as { name: string }[]).map((c) => c.name);
  } catch {
    // A view naming a function or table this SQLite lacks: its triggers cannot be checked against it.
    return [];
  }
}

function readSequences(db: SqliteDatabase, tableList: TableListRow[]): Map<string, bigint> {
  const map = new Map<string, bigint>();
  if (!tableList.some((t) => t.name === 'sqlite_sequence')) return map;
  // sqlite_sequence is an ordinary table anyone can write: a name may appear twice, a seq may
  // be text or a real. SQLite reads seq as an integer (as CAST does); the highest one is the
  // floor that keeps every id it handed out from being handed out again. Rows naming tables
  // that are gone are never looked up.
  const rows = db
    .prepare("SELECT name, max(CAST(seq AS INTEGER)) AS seq FROM main.sqlite_sequence WHERE seq IS NOT NULL AND typeof(name) = 'text' GROUP BY name")
    .safeIntegers(true)
    .all() as { name: string; seq: bigint }[];
  for (const row of rows) map.set(row.name, BigInt(row.seq));
  return map;
}

function introspectTable(db: SqliteDatabase, entry: TableListRow, sqlOf: Map<string, string>, sequences: Map<string, bigint>): SqliteTable {
  const q = quoteSqliteIdent(entry.name);
  const sql = sqlOf.get(`table:${entry.name}`) ?? '';
  const parsed = parseCreateTable(sql);
  const xinfo = db.prepare(`PRAGMA main.table_xinfo(${q})`).all() as XInfoRow[];
  const columns: SqliteColumn[] = xinfo
    .filter((c) => c.hidden !== 1)
    .map((c) => {
      const p = parsed.columns.get(columnKey(c.name));
      const column: SqliteColumn = { name: c.name, declaredType: c.type ?? '', notNull: c.notnull === 1, primaryKeyPosition: c.pk };
      if (c.dflt_value !== null) column.defaultSql = c.dflt_value;
      if (c.hidden === 2 || c.hidden === 3) column.generated = { expression: p?.generated?.expression ?? '', stored: c.hidden === 3 };
      return column;
    });
  const primaryKey = columns.filter((c) => c.primaryKeyPosition > 0).sort((a, b) => a.primaryKeyPosition - b.primaryKeyPosition).map((c) => c.name);
  const withoutRowid = entry.wr === 1;
  const pkColumn = primaryKey.length === 1 ? columns.find((c) => c.name === primaryKey[0]) : undefined;
  // Only the exact type name INTEGER makes a rowid alias ("INT PRIMARY KEY" does not).
  const rowidAlias = !withoutRowid && pkColumn && pkColumn.declaredType.trim().toUpperCase() === 'INTEGER' ? pkColumn.name : undefined;

  const uniques: SqliteIndex[] = [];
  const indexes: SqliteIndex[] = [];
  const indexList = db.prepare(`PRAGMA main.index_list(${q})`).all() as IndexListRow[];
  for (const idx of indexList) {
    const indexSql = sqlOf.get(`index:${idx.name}`) || undefined;
    const xi = (db.prepare(`PRAGMA main.index_xinfo(${quoteSqliteIdent(idx.name)})`).all() as IndexXInfoRow[]).filter((r) => r.key === 1);
    const texts = indexSql ? indexColumnTexts(indexSql) : [];
    const index: SqliteIndex = {
      name: idx.name,
      unique: idx.unique === 1,
      origin: idx.origin,
      columns: xi.map((r, i) => {
        const col: SqliteIndex['columns'][number] = { desc: r.desc === 1 };
        if (r.cid === -2) col.expression = texts[i] ?? '';
        else if (r.cid === -1) col.name = rowidAlias ?? 'rowid';
        else col.name = r.name ?? '';
        if (r.coll && r.coll.toUpperCase() !== 'BINARY') col.collation = r.coll;
        return col;
      }),
    };
    if (indexSql) index.sql = indexSql;
    if (idx.partial === 1 && indexSql) {
      const where = partialIndexWhere(indexSql);
      if (where) index.partialWhere = where;
    }
    if (idx.origin === 'pk') continue;
    (idx.origin === 'u' ? uniques : indexes).push(index);
  }

  const fkRows = db.prepare(`PRAGMA main.foreign_key_list(${q})`).all() as FkRow[];
  const fks = new Map<number, SqliteForeignKey>();
  for (const r of fkRows) {
    let fk = fks.get(r.id);
    if (!fk) {
      fk = { id: r.id, columns: [], referencedTable: r.table, referencedColumns: [], onUpdate: r.on_update, onDelete: r.on_delete, deferrable: false };
      fks.set(r.id, fk);
    }
    fk.columns.push(r.from);
    if (r.to !== null) fk.referencedColumns.push(r.to);
  }
  // SQLite numbers foreign keys from the last written (it prepends each to its list).
  const declared = parsed.foreignKeys;
  for (const fk of fks.values()) fk.deferrable = declared.length === fks.size ? declared[declared.length - 1 - fk.id]!.deferred : declared.some((d) => d.deferred);

  const columnChecks = [...parsed.columns.values()].flatMap((c) => c.checks);
  const rowCount = Number((db.prepare(`SELECT count(*) AS n FROM main.${q}`).get() as { n: number }).n);
  const table: SqliteTable = {
    name: entry.name,
    sql,
    columns,
    primaryKey,
    autoincrement: parsed.autoincrement,
    withoutRowid,
    uniques,
    indexes,
    foreignKeys: [...fks.values()].sort((a, b) => a.id - b.id),
    checks: [...columnChecks, ...parsed.checks],
    rowCount,
  };
  if (parsed.primaryKeyName) table.primaryKeyName = parsed.primaryKeyName;
  if (rowidAlias) table.rowidAlias = rowidAlias;
  const seq = sequences.get(entry.name);
  if (seq !== undefined) table.sequenceValue = seq;
  return table;
}
