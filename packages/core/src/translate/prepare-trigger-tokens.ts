import { COMPAT_SCHEMA, SQLITE_MASTER_NAME } from './compat-functions.js';
import { isOp, isWord } from '../sqlite/token-predicates.js';
import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import type { TriggerRelation, TriggerRelations } from './trigger-relations.js';

/** Where a slice of a trigger stands: which row images it may name, and which table a bare rowid means. */
export interface TokenScope {
  table: TriggerRelation;
  event: 'INSERT' | 'UPDATE' | 'DELETE';
  relations: TriggerRelations;
  /** The table a statement writes: a bare `rowid` in it means that table's rowid alias. */
  written?: TriggerRelation;
  /** Target names of the views the slice reads (filled in). */
  reads: Set<string>;
  /** Whether SQLite's schema table may be read as catdb_sqlite.sqlite_master; what that needs is added to `compat`. */
  compatFunctions?: boolean;
  compat?: Set<string>;
}

const SCHEMA_TABLES = new Set(['sqlite_master', 'sqlite_schema']);

const ROWID_NAMES = new Set(['rowid', '_rowid_', 'oid']);

/**
 * Makes a slice of a trigger's tokens ready for the translator, or says why it cannot be:
 * `NEW.x` / `OLD.x` become PL/pgSQL's row variables (checked against the table's columns,
 * `rowid` resolved to its alias), every relation read after FROM or JOIN must be one the plan
 * creates, and a bare rowid must name the written table's alias. PL/pgSQL checks names
 * only when a trigger fires, so what would fail then is refused now.
 */
export function prepareTriggerTokens(tokens: readonly SqliteToken[], scope: TokenScope): SqliteToken[] | { untranslated: string } {
  const out: SqliteToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const isName = t.kind === 'word' || t.kind === 'quoted';
    const lower = isName ? t.value.toLowerCase() : '';
    if (isName && (lower === 'new' || lower === 'old') && isOp(tokens[i + 1], '.') && !isOp(tokens[i - 1], '.')) {
      if ((lower === 'new' && scope.event === 'DELETE') || (lower === 'old' && scope.event === 'INSERT')) return { untranslated: `it names ${lower.toUpperCase()} in a ${scope.event} trigger` };
      const col = tokens[i + 2];
      if (!col || !(col.kind === 'word' || col.kind === 'quoted' || col.kind === 'string')) return { untranslated: `it names ${lower.toUpperCase()} without a column` };
      const column = rowColumn(scope.table, col.value);
      if (!column) return { untranslated: `it names ${lower.toUpperCase()}.${col.value}, which is not a column of ${scope.table.target}` };
      out.push({ ...t, kind: 'word', text: lower, value: lower }, tokens[i + 1]!, { ...col, kind: 'quoted', text: column, value: column });
      i += 2;
      continue;
    }
    if (isName && ROWID_NAMES.has(lower) && !isOp(tokens[i - 1], '.') && !isOp(tokens[i + 1], '(') && !scope.table.columns.has(lower)) {
      const source = tokens.some((x) => isWord(x, 'SELECT')) ? selectSource(tokens, i, scope.relations) : scope.written;
      if (source === 'derived') {
        // A subquery in FROM has no rowid: SQLite reads it as NULL (3.53 refuses the statement when the trigger fires).
        out.push({ ...t, kind: 'word', text: 'NULL', value: 'NULL' });
        continue;
      }
      const alias = source?.rowidAlias;
      if (!alias) return { untranslated: `it uses ${t.value}, which PostgreSQL tables do not have` };
      out.push({ ...t, kind: 'quoted', text: alias, value: alias });
      continue;
    }
    if ((isWord(t, 'FROM') || isWord(t, 'JOIN')) && tokens[i + 1] && !isOp(tokens[i + 1], '(')) {
      const name = tokens[i + 1]!;
      if (!(name.kind === 'word' || name.kind === 'quoted' || name.kind === 'string') || isOp(tokens[i + 2], '.')) return { untranslated: `it reads ${JSON.stringify(name.text)}, which catdb cannot resolve` };
      const relation = scope.relations(name.value);
      if (!relation && SCHEMA_TABLES.has(name.value.toLowerCase()) && scope.compatFunctions && scope.compat) {
        scope.compat.add(SQLITE_MASTER_NAME);
        out.push(t, { ...name, kind: 'word', text: COMPAT_SCHEMA, value: COMPAT_SCHEMA }, { ...name, kind: 'operator', text: '.', value: '.' }, { ...name, kind: 'word', text: SQLITE_MASTER_NAME, value: SQLITE_MASTER_NAME });
        i++;
        continue;
      }
      if (!relation) return { untranslated: `it reads ${JSON.stringify(name.value)}, which is not migrated` };
      if (relation.kind === 'view') scope.reads.add(relation.target);
      out.push(t, { ...name, kind: 'quoted', text: relation.target, value: relation.target });
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** The target column that NEW.name / OLD.name means (rowid: the rowid alias). */
function rowColumn(table: TriggerRelation, name: string): string | undefined {
  const lower = name.toLowerCase();
  const direct = table.columns.get(lower);
  if (direct !== undefined) return direct;
  if (ROWID_NAMES.has(lower) && table.rowidAlias) return table.columns.get(table.rowidAlias.toLowerCase());
  return undefined;
}

const CLAUSE_ENDS = new Set(['WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'INTERSECT', 'WINDOW']);

/**
 * What the FROM of the SELECT around token i reads, when it reads one thing: a subquery
 * (`derived`) or a table. Undefined for a join, a list, or no FROM.
 */
function selectSource(tokens: readonly SqliteToken[], i: number, relations: TriggerRelations): TriggerRelation | 'derived' | undefined {
  const depth: number[] = [];
  for (let k = 0, d = 0; k < tokens.length; k++) {
    if (isOp(tokens[k], ')')) d--;
    depth.push(d);
    if (isOp(tokens[k], '(')) d++;
  }
  const d = depth[i]!;
  let select = -1;
  for (let k = i; k >= 0 && depth[k]! >= d; k--) if (depth[k] === d && isWord(tokens[k], 'SELECT')) select = k;
  if (select < 0) return undefined;
  const from = tokens.findIndex((x, k) => k > select && depth[k] === d && isWord(x, 'FROM'));
  if (from < 0) return undefined;
  const clause: SqliteToken[] = [];
  for (let k = from + 1; k < tokens.length && depth[k]! >= d; k++) {
    if (depth[k] === d && tokens[k]!.kind === 'word' && CLAUSE_ENDS.has(tokens[k]!.text.toUpperCase())) break;
    if (depth[k] === d) clause.push(tokens[k]!);
  }
  // At depth d a subquery is its two parentheses; then at most `[AS] alias`.
  const rest = isOp(clause[0], '(') ? clause.slice(2) : clause.slice(1);
  const aliased = rest.length === 0 || (rest.length === 1 && rest[0]!.kind !== 'operator') || (rest.length === 2 && isWord(rest[0], 'AS') && rest[1]!.kind !== 'operator');
  if (!aliased) return undefined;
  if (isOp(clause[0], '(')) return 'derived';
  const name = clause[0];
  const relation = name && (name.kind === 'word' || name.kind === 'quoted' || name.kind === 'string') ? relations(name.value) : undefined;
  return relation?.kind === 'table' ? relation : undefined;
}
