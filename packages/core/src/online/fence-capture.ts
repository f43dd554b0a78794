import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { META_TABLE } from '../sqlite/capture-names.js';
import type { CaptureTable } from './capture-table.js';
import { renderFence } from './render-capture-sql.js';

/**
 * Replaces the capture triggers with the fence, inside the cutover's write transaction
 * (the caller holds BEGIN IMMEDIATE and commits): from that COMMIT on, every write to a
 * migrated table fails with FENCE_MESSAGE.
 */
export function fenceCapture(db: SqliteDatabase, tables: readonly CaptureTable[]): void {
  for (const sql of renderFence(tables)) db.exec(sql);
  const upsert = db.prepare(`INSERT INTO main.${META_TABLE} (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`);
  upsert.run('phase', 'fenced');
  upsert.run('fenced_at', new Date().toISOString());
}
