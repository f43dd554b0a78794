import { DEFAULT_CAST_RULES, type CastRule } from '../mapping/cast-rules.js';
import { quoteIdent, quoteLiteral, quoteQualified, quoteSqliteIdent } from '../pg/quote-ident.js';
import type { ColumnProfile } from '../sqlite/column-profile.js';
import type { SqliteIndex, SqliteSchema } from '../sqlite/sqlite-schema.js';
import { foldIdentifier, type IdentifierMode } from '../pg/fold-identifier.js';
import type { MigrationPlan, PlanWarning, PostLoadStatement, TablePlan } from './migration-plan.js';
import { compatStatements } from '../translate/compat-functions.js';
import { translateSqliteSql, type TranslateOptions } from '../translate/translate-sqlite-sql.js';
import { renderShellArg } from '../render-shell-arg.js';
import { planView } from './plan-view.js';
import { relationIncluded } from './relation-included.js';
import { foreignKeyKindClash } from './foreign-key-kind-clash.js';
import { alignChildTypes } from './align-child-types.js';
import { RelationNames } from './relation-names.js';
import { planTriggers } from './plan-triggers.js';
import { planVirtualTables } from './plan-virtual-tables.js';
import { planTable } from './plan-table.js';
import { followParentTypes } from './follow-parent-types.js';

export interface PlanOptions {
  /** Target schema; default `public`. */
  schema?: string;
  /** `lower` (default) folds names so unquoted SQL keeps working; `preserve` keeps case. */
  identifiers?: IdentifierMode;
  /** User cast rules, consulted before the defaults. */
  casts?: readonly CastRule[];
  /** Only these tables (SQLite names, case-insensitive). */
  include?: readonly string[];
  exclude?: readonly string[];
  /**
   * Stop (a plan problem) where the data does not fit the declaration, instead of choosing
   * a type that carries every value, or a UNIQUE constraint for a key that holds NULLs.
   * Default false.
   */
  strictTypes?: boolean;
  /**
   * Let views and CHECK constraints call catdb's own functions (schema `catdb_sqlite`,
   * created by the migration when something needs them) for SQLite functions PostgreSQL
   * lacks; false leaves what needs them untranslated. Default true.
   */
  compatFunctions?: boolean;
}

const ACTIONS = new Set(['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION']);

/**
 * Turns an introspected SQLite schema and its data profile into a migration plan:
 * target names, column types, DDL after the load, views, and what cannot be carried.
 * Pure: the same input always gives the same plan, and --dry-run prints exactly it.
 *
 * Throws MAP_IDENTIFIER_COLLISION when two source names become one target name.
 */
export function planMigration(schema: SqliteSchema, profiles: ReadonlyMap<string, ReadonlyMap<string, ColumnProfile>>, options: PlanOptions = {}): MigrationPlan {
  const mode = options.identifiers ?? 'lower';
  const pgSchema = options.schema ?? 'public';
  const rules = [...(options.casts ?? []), ...DEFAULT_CAST_RULES];
  const warnings: PlanWarning[] = [];
  const plan: MigrationPlan = {
    source: schema.file,
    schema: pgSchema,
    identifiers: mode,
    tables: [],
    postLoad: [],
    views: [],
    triggers: [],
    skipped: schema.skipped.filter((s) => s.name !== 'sqlite_schema' && s.name !== 'sqlite_sequence'),
    warnings,
    decisions: [],
    problems: [],
    compat: [],
  };
  const compatFunctions = options.compatFunctions !== false;
  const compatUsed = new Set<string>();
  const used = <T extends { compat?: readonly string[] }>(t: T): T => {
    for (const c of t.compat ?? []) compatUsed.add(c);
    return t;
  };
  const virtual = planVirtualTables(schema, (name) => relationIncluded(name, options));
  plan.skipped.push(...virtual.skipped);
  warnings.push(...virtual.warnings);
  const tables = schema.tables.filter((t) => {
    if (relationIncluded(t.name, options)) return true;
    plan.skipped.push({ name: t.name, reason: 'excluded by --include/--exclude' });
    return false;
  });

  const names = new RelationNames(
    (source) =>
      `${mode === 'lower' ? 'Names are folded to lower case and ' : ''}PostgreSQL keeps only the first 63 bytes of a name. Rename one of them in SQLite${mode === 'lower' ? ', or use --identifiers preserve if they differ only in case' : ''}, or leave one out with --exclude${source === undefined ? '' : ' ' + renderShellArg(source)}.`,
  );
  // Two table names equal in their first 63 bytes: the later is numbered, as columns are (see planColumnNames).
  const tableTargets = new Map<string, string>();
  for (const t of tables) {
    const folded = foldIdentifier(t.name, mode);
    const keeps = names.ownerOf(folded);
    if (keeps === undefined || options.strictTypes) names.reserve(folded, `table "${t.name}"`, t.name);
    const target = keeps === undefined || options.strictTypes ? folded : names.claim(folded, `table "${t.name}"`);
    if (target !== folded) warnings.push({ object: t.name, message: `table named "${target}" in PostgreSQL: it and ${keeps} are equal in their first 63 bytes ("${folded}"), all PostgreSQL keeps of a name; --strict-types stops instead` });
    tableTargets.set(t.name, target);
  }
  const viewsIncluded = schema.views.filter((v) => relationIncluded(v.name, options));
  for (const v of viewsIncluded) names.reserve(foldIdentifier(v.name, mode), `view "${v.name}"`, v.name);

  const targetOf = new Map<string, TablePlan>();
  for (const table of tables) {
    const tp = planTable(table, tableTargets.get(table.name)!, profiles.get(table.name), rules, mode, plan, Boolean(options.strictTypes));
    plan.tables.push(tp);
    targetOf.set(table.name.toLowerCase(), tp);
    if (tp.serialColumn) {
      // PostgreSQL names a serial column's sequence itself as the table is created, and tables
      // are created in parallel: where its name is taken, catdb creates the sequence under another.
      const owner = `the sequence of serial column "${table.name}"."${table.rowidAlias}"`;
      if (!names.takeImplicit(tp.target, [tp.serialColumn.target], 'seq', owner)) tp.serialColumn.sequence = names.generate(tp.target, [tp.serialColumn.target], 'seq', owner);
    }
  }

  followParentTypes(plan, tables, targetOf);
  for (const table of tables) {
    const tp = targetOf.get(table.name.toLowerCase())!;
    const q = quoteQualified(pgSchema, tp.target);
    const col = (name: string): string => {
      const c = tp.columns.find((x) => x.source.toLowerCase() === name.toLowerCase());
      return c ? c.target : foldIdentifier(name, mode);
    };
    if (tp.primaryKey) {
      const owner = `the primary key of table "${table.name}"`;
      tp.primaryKey.name = table.primaryKeyName ? names.claim(foldIdentifier(table.primaryKeyName, mode), owner) : names.generate(tp.target, [], 'pkey', owner);
      plan.postLoad.push({
        phase: 'primary-key',
        table: tp.target,
        name: tp.primaryKey.name,
        sql: `ALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(tp.primaryKey.name)} ${tp.primaryKey.nullable ? 'UNIQUE' : 'PRIMARY KEY'} (${tp.primaryKey.columns.map(quoteIdent).join(', ')})`,
        critical: true,
        columns: tp.primaryKey.columns,
      });
    }
    for (const u of table.uniques) {
      const name = names.generate(tp.target, u.columns.map((c) => (c.name ? col(c.name) : 'expr')), 'key', `a unique constraint of table "${table.name}"`);
      if (u.columns.some((c) => c.expression !== undefined)) continue;
      plan.postLoad.push({
        phase: 'unique',
        table: tp.target,
        name,
        sql: `ALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE (${u.columns.map((c) => quoteIdent(col(c.name!))).join(', ')})`,
        critical: true,
        columns: u.columns.map((c) => col(c.name!)),
      });
    }
    const booleans = new Set(tp.columns.filter((c) => c.kind === 'boolean').flatMap((c) => [c.source.toLowerCase(), c.target.toLowerCase()]));
    const kinds = new Map(tp.columns.flatMap((c) => [[c.source.toLowerCase(), c.kind as string], [c.target.toLowerCase(), c.kind as string]] as const));
    const renames = new Map(tp.columns.filter((c) => c.target !== foldIdentifier(c.source, mode)).map((c) => [c.source.toLowerCase(), c.target]));
    // Index terms, partial-index predicates and CHECKs are read like views: compat functions, booleans, kinds.
    const dialect: TranslateOptions = { identifiers: mode, booleans, kinds, compatFunctions, ...(renames.size > 0 ? { renames } : {}) };
    for (const idx of table.indexes) {
      const s = planIndex(idx, tp, q, col, names.claim(foldIdentifier(idx.name, mode), `index "${idx.name}"`), warnings, dialect, used);
      if ('untranslated' in s) plan.skipped.push({ name: idx.name, reason: `index on ${table.name} not translated: ${s.untranslated}`, sql: idx.sql ?? '', notCreated: 'index' });
      else plan.postLoad.push(s);
    }
    table.checks.forEach((check) => {
      const owner = `a check constraint of table "${table.name}"`;
      const name = check.name ? names.claim(foldIdentifier(check.name, mode), owner) : names.generate(tp.target, [], 'check', owner);
      const expression = translateSqliteSql(check.expression, dialect);
      if ('sql' in expression) used(expression);
      if ('untranslated' in expression) plan.skipped.push({ name, reason: `CHECK on ${table.name} not translated: ${expression.untranslated}`, sql: check.expression, notCreated: 'constraint' });
      else plan.postLoad.push({ phase: 'check', table: tp.target, name, sql: `ALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(name)} CHECK (${expression.sql})`, critical: false });
    });
  }

  for (const table of tables) {
    const tp = targetOf.get(table.name.toLowerCase())!;
    for (const fk of table.foreignKeys) {
      const parent = targetOf.get(fk.referencedTable.toLowerCase());
      const label = `${table.name}(${fk.columns.join(', ')}) → ${fk.referencedTable}`;
      // What a foreign key left out is reported with: SQLite's clause, names quoted for SQLite.
      const fkSql = `FOREIGN KEY (${fk.columns.map(quoteSqliteIdent).join(', ')}) REFERENCES ${quoteSqliteIdent(fk.referencedTable)}${fk.referencedColumns.length ? ` (${fk.referencedColumns.map(quoteSqliteIdent).join(', ')})` : ''}`;
      if (!parent) {
        // Left out with its parent on purpose (--include/--exclude): not a loss; otherwise it is one.
        warnings.push({ object: table.name, message: `foreign key ${label} left out: the parent table is not migrated`, sql: fkSql, ...(relationIncluded(fk.referencedTable, options) ? { notCreated: 'constraint' as const } : {}) });
        continue;
      }
      const parentColumns = fk.referencedColumns.length > 0 ? fk.referencedColumns : parent.primaryKey ? parent.primaryKey.columns.map((c) => parent.columns.find((x) => x.target === c)!.source) : [];
      if (parentColumns.length !== fk.columns.length) {
        warnings.push({ object: table.name, message: `foreign key ${label} left out: its columns do not match a key of the parent`, sql: fkSql, notCreated: 'constraint' });
        continue;
      }
      const childCols = fk.columns.map((c) => tp.columns.find((x) => x.source.toLowerCase() === c.toLowerCase())?.target);
      const parentCols = parentColumns.map((c) => parent.columns.find((x) => x.source.toLowerCase() === c.toLowerCase())?.target);
      if (childCols.some((c) => !c) || parentCols.some((c) => !c)) {
        warnings.push({ object: table.name, message: `foreign key ${label} left out: it names a column that does not exist`, sql: fkSql, notCreated: 'constraint' });
        continue;
      }
      const clash = foreignKeyKindClash(tp, childCols as string[], parent, parentCols as string[]);
      if (clash) {
        warnings.push({ object: table.name, message: `foreign key ${label} left out: ${clash}`, sql: fkSql, notCreated: 'constraint' });
        continue;
      }
      alignChildTypes(tp, childCols as string[], parent, parentCols as string[], profiles.get(table.name));
      const name = names.generate(tp.target, childCols as string[], 'fkey', `foreign key ${label}`);
      const action = (a: string): string => (ACTIONS.has(a.toUpperCase()) ? a.toUpperCase() : 'NO ACTION');
      plan.postLoad.push({
        phase: 'foreign-key',
        table: tp.target,
        name,
        sql:
          `ALTER TABLE ${quoteQualified(pgSchema, tp.target)} ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${childCols.map((c) => quoteIdent(c!)).join(', ')}) ` +
          `REFERENCES ${quoteQualified(pgSchema, parent.target)} (${parentCols.map((c) => quoteIdent(c!)).join(', ')}) ON UPDATE ${action(fk.onUpdate)} ON DELETE ${action(fk.onDelete)}` +
          (fk.deferrable ? ' DEFERRABLE INITIALLY DEFERRED' : ''),
        critical: true,
        foreignKey: { childColumns: childCols as string[], parentTable: parent.target, parentColumns: parentCols as string[] },
      });
    }
    if (tp.serialColumn) {
      const c = tp.serialColumn.target;
      const seqFloor = tp.serialColumn.sqliteSequence ?? 0n;
      const qt = quoteQualified(pgSchema, tp.target);
      // Past both max(id) and sqlite_sequence, so ids of deleted rows are never reused (AUTOINCREMENT's promise).
      plan.postLoad.push({
        phase: 'sequence',
        table: tp.target,
        name: `${tp.target}.${c}`,
        sql:
          `SELECT setval(pg_get_serial_sequence(${quoteLiteral(qt)}, ${quoteLiteral(c)}), ` +
          `greatest(coalesce((SELECT max(${quoteIdent(c)}) FROM ${qt}), 0), ${seqFloor}, 1), ` +
          `coalesce((SELECT max(${quoteIdent(c)}) FROM ${qt}), 0) > 0 OR ${seqFloor} > 0)`,
        critical: true,
      });
    }
  }

  // A name counts as boolean in views only where every table that has it holds a boolean there.
  const kindsByName = new Map<string, Set<string>>();
  for (const t of plan.tables) for (const c of t.columns) for (const n of [c.source.toLowerCase(), c.target.toLowerCase()]) kindsByName.set(n, (kindsByName.get(n) ?? new Set()).add(c.kind));
  const viewBooleans = new Set([...kindsByName].filter(([, kinds]) => kinds.size === 1 && kinds.has('boolean')).map(([n]) => n));
  const viewKinds = new Map([...kindsByName].filter(([, kinds]) => kinds.size === 1 || kinds.has('text')).map(([n, kinds]) => [n, kinds.size === 1 ? [...kinds][0]! : 'mixed']));
  const viewRenames = new Map([
    ...plan.tables.filter((t) => t.target !== foldIdentifier(t.source, mode)).map((t) => [t.source.toLowerCase(), t.target] as const),
    ...plan.tables.flatMap((t) => t.columns.filter((c) => c.target !== foldIdentifier(c.source, mode)).map((c) => [c.source.toLowerCase(), c.target] as const)),
  ]);
  for (const v of viewsIncluded) {
    const view = planView(v.name, v.sql, pgSchema, mode, { booleans: viewBooleans, kinds: viewKinds, compatFunctions, ...(viewRenames.size > 0 ? { renames: viewRenames } : {}) }, v.columns.length ? v.columns : undefined);
    if ('untranslated' in view) plan.skipped.push({ name: v.name, reason: `view not translated: ${view.untranslated}`, sql: v.sql, notCreated: 'view' });
    else plan.views.push(used(view));
  }
  planTriggers(schema, plan, tables, { schema: pgSchema, identifiers: mode, booleans: viewBooleans, compatFunctions, ...(options.include ? { include: options.include } : {}), ...(options.exclude ? { exclude: options.exclude } : {}) });
  for (const t of plan.triggers) used(t);
  plan.compat = compatStatements(compatUsed);
  return plan;
}

function planIndex(idx: SqliteIndex, tp: TablePlan, q: string, col: (n: string) => string, name: string, warnings: PlanWarning[], options: TranslateOptions, used: (t: { compat?: readonly string[] }) => void): PostLoadStatement | { untranslated: string } {
  const terms: string[] = [];
  const translations: { sql: string; compat?: readonly string[] }[] = [];
  for (const c of idx.columns) {
    const expr = c.expression !== undefined ? translateSqliteSql(c.expression, options) : { sql: quoteIdent(col(c.name!)) };
    if ('untranslated' in expr) return expr;
    translations.push(expr);
    terms.push(`${c.expression !== undefined ? `(${expr.sql})` : expr.sql}${c.desc ? ' DESC' : ''}`);
  }
  const predicate = idx.partialWhere ? translateSqliteSql(idx.partialWhere, options) : undefined;
  if (predicate && 'untranslated' in predicate) return predicate;
  for (const t of predicate ? [...translations, predicate] : translations) used(t);
  const where = predicate ? ` WHERE ${predicate.sql}` : '';
  if (idx.columns.some((c) => c.collation?.toUpperCase() === 'NOCASE')) warnings.push({ object: idx.name, message: `COLLATE NOCASE dropped from index ${idx.name}: PostgreSQL compares case-sensitively (consider citext or lower() indexes)` });
  const columns = idx.columns.every((c) => c.expression === undefined) ? { columns: idx.columns.map((c) => col(c.name!)) } : {};
  return {
    phase: 'index',
    table: tp.target,
    name,
    sql: `CREATE ${idx.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(name)} ON ${q} (${terms.join(', ')})${where}`,
    // A unique index is a constraint on the data; a plain one only speeds queries up.
    critical: idx.unique && !idx.partialWhere && idx.columns.every((c) => c.expression === undefined),
    ...columns,
  };
}
