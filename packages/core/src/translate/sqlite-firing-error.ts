import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { isOp } from '../sqlite/token-predicates.js';
import type { ParsedTrigger } from './parse-create-trigger.js';
import type { TriggerRelation } from './trigger-relations.js';

const ROWID_NAMES = new Set(['rowid', '_rowid_', 'oid']);

/**
 * The error SQLite raises every time the trigger fires, when its body names a column the
 * row images do not have (`NEW.column_nameIS`, a typo in the GeoPackage specification's own
 * trigger): SQLite compiles a trigger's program when it fires, so the statement that fires
 * it fails, before the WHEN clause is read. Undefined when every NEW.x and OLD.x resolves.
 */
export function sqliteFiringError(parsed: ParsedTrigger, table: TriggerRelation): string | undefined {
  for (const tokens of [parsed.when, ...parsed.statements]) {
    for (let i = 0; i + 2 < tokens.length; i++) {
      const image = nameOf(tokens[i]);
      const column = tokens[i + 2]!;
      if ((image !== 'new' && image !== 'old') || !isOp(tokens[i + 1], '.') || isOp(tokens[i - 1], '.')) continue;
      if (!(column.kind === 'word' || column.kind === 'quoted')) continue;
      const lower = column.value.toLowerCase();
      if (table.columns.has(lower) || (ROWID_NAMES.has(lower) && !table.withoutRowid)) continue;
      return `no such column: ${tokens[i]!.value}.${column.value}`;
    }
  }
  return undefined;
}

function nameOf(t: SqliteToken | undefined): string | undefined {
  return t && (t.kind === 'word' || t.kind === 'quoted') ? t.value.toLowerCase() : undefined;
}
