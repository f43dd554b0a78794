import { relationIncluded } from '../plan/relation-included.js';
import type { SqliteSchema } from '../sqlite/sqlite-schema.js';
import { triggerName } from '../sqlite/capture-names.js';
import type { CaptureTable } from './capture-table.js';

/**
 * Which tables get change capture, and how the log names their rows: every table the
 * migration copies (same include/exclude rule), keyed as {@link CaptureKey} says. Pure.
 */
export function planCapture(schema: SqliteSchema, options: { include?: readonly string[]; exclude?: readonly string[] } = {}): CaptureTable[] {
  const tables = schema.tables.filter((t) => relationIncluded(t.name, options));
  const seen = new Map<string, string>();
  return tables.map((t): CaptureTable => {
    // A 48-bit digest: two names meeting in one is not expected, but a clash must not pass silently.
    const digest = triggerName('ins', t.name);
    const other = seen.get(digest);
    if (other !== undefined) throw new Error(`tables ${other} and ${t.name} share the trigger name ${digest}`);
    seen.set(digest, t.name);
    if (t.withoutRowid || (!t.rowidAlias && t.primaryKey.length > 0)) return { name: t.name, key: { kind: 'columns', columns: [...t.primaryKey] } };
    if (t.rowidAlias) return { name: t.name, key: { kind: 'rowid' } };
    return { name: t.name, key: { kind: 'none' } };
  });
}
