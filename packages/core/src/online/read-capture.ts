import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { CHANGES_TABLE, isCaptureObjectName, META_TABLE } from '../sqlite/capture-names.js';
import type { CaptureTable } from './capture-table.js';

/** What catdb finds of its own objects in the SQLite file. */
export interface CaptureState {
  /** Names of every catdb object present, by kind. */
  objects: { triggers: string[]; tables: string[] };
  /** From the meta table; absent when there is none (or it is unreadable). */
  installId?: string;
  targetSchema?: string;
  phase?: 'capturing' | 'fenced';
  installedAt?: string;
  fencedAt?: string;
  /** The captured tables as installed. */
  tables?: CaptureTable[];
  /** See fingerprintCapture. */
  fingerprint?: string;
}

/** Reads catdb's objects and meta rows from the file; changes nothing. */
export function readCapture(db: SqliteDatabase): CaptureState {
  const rows = db.prepare(`SELECT type, name FROM main.sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE '\\_catdb\\_%' ESCAPE '\\'`).all() as { type: string; name: string }[];
  const ours = rows.filter((r) => isCaptureObjectName(r.name));
  const state: CaptureState = {
    objects: {
      triggers: ours.filter((r) => r.type === 'trigger').map((r) => r.name).sort(),
      tables: ours.filter((r) => r.type === 'table').map((r) => r.name).sort(),
    },
  };
  if (!state.objects.tables.includes(META_TABLE) || !state.objects.tables.includes(CHANGES_TABLE)) return state;
  const meta = new Map<string, string>();
  try {
    for (const r of db.prepare(`SELECT name, value FROM main.${META_TABLE}`).all() as { name: unknown; value: unknown }[]) {
      if (typeof r.name === 'string' && typeof r.value === 'string') meta.set(r.name, r.value);
    }
  } catch {
    return state;
  }
  const text = (k: string): string | undefined => meta.get(k);
  if (text('install_id')) state.installId = text('install_id')!;
  if (text('target_schema')) state.targetSchema = text('target_schema')!;
  const phase = text('phase');
  if (phase === 'capturing' || phase === 'fenced') state.phase = phase;
  if (text('installed_at')) state.installedAt = text('installed_at')!;
  if (text('fenced_at')) state.fencedAt = text('fenced_at')!;
  if (text('fingerprint')) state.fingerprint = text('fingerprint')!;
  const tables = parseTables(text('tables'));
  if (tables) state.tables = tables;
  return state;
}

/** The stored table list, only when every entry has the shape catdb wrote. */
function parseTables(json: string | undefined): CaptureTable[] | undefined {
  if (!json) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  const out: CaptureTable[] = [];
  for (const v of value as { name?: unknown; key?: { kind?: unknown; columns?: unknown } }[]) {
    if (typeof v?.name !== 'string' || typeof v.key !== 'object' || v.key === null) return undefined;
    const kind = v.key.kind;
    if (kind === 'rowid' || kind === 'none') out.push({ name: v.name, key: { kind } });
    else if (kind === 'columns' && Array.isArray(v.key.columns) && v.key.columns.every((c) => typeof c === 'string') && v.key.columns.length > 0) out.push({ name: v.name, key: { kind, columns: v.key.columns as string[] } });
    else return undefined;
  }
  return out;
}
