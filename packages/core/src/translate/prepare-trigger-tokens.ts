import { isOp, isWord } from './parse-create-trigger.js';
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
}

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
      const alias = scope.written?.rowidAlias;
      if (!alias || tokens.some((x) => isWord(x, 'SELECT'))) return { untranslated: `it uses ${t.value}, which PostgreSQL tables do not have` };
      out.push({ ...t, kind: 'quoted', text: alias, value: alias });
      continue;
    }
    if ((isWord(t, 'FROM') || isWord(t, 'JOIN')) && tokens[i + 1] && !isOp(tokens[i + 1], '(')) {
      const name = tokens[i + 1]!;
      if (!(name.kind === 'word' || name.kind === 'quoted' || name.kind === 'string') || isOp(tokens[i + 2], '.')) return { untranslated: `it reads ${JSON.stringify(name.text)}, which catdb cannot resolve` };
      const relation = scope.relations(name.value);
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
