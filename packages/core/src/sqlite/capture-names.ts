import { createHash } from 'node:crypto';

/** The change log catdb keeps in the SQLite file while an online migration runs. */
export const CHANGES_TABLE = '_catdb_changes';
/** One row per fact about the capture (install id, target schema, phase). */
export const META_TABLE = '_catdb_meta';

/** What each catdb trigger does: record inserts, updates, deletes, or refuse them (the fence). */
export type TriggerRole = 'ins' | 'upd' | 'del' | 'fence_ins' | 'fence_upd' | 'fence_del';

const TRIGGER_NAME = /^_catdb_(?:ins|upd|del|fence_ins|fence_upd|fence_del)_[0-9a-f]{12}$/;

/**
 * The name of a catdb trigger on `table`: a digest of the table name rather than the name
 * itself, so that a hostile or very long table name never becomes part of another name.
 */
export function triggerName(role: TriggerRole, table: string): string {
  return `_catdb_${role}_${createHash('sha256').update(table, 'utf8').digest('hex').slice(0, 12)}`;
}

/**
 * True for the names of objects catdb creates in an application's SQLite file, and only
 * for those: the two tables above and triggers named by {@link triggerName}.
 */
export function isCaptureObjectName(name: string): boolean {
  return name === CHANGES_TABLE || name === META_TABLE || TRIGGER_NAME.test(name);
}
