import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { trimChanges } from './trim-changes.js';

let dir: string;
let db: SqliteDatabase;
const seqs = (): number[] => db.prepare('SELECT seq FROM _catdb_changes ORDER BY seq').pluck().all() as number[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-trim-'));
  db = new Database(join(dir, 'app.db')) as SqliteDatabase;
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE _catdb_changes (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, row_key, at REAL NOT NULL)");
  const add = db.prepare("INSERT INTO _catdb_changes (tbl, op, row_key, at) VALUES ('t', 'i', 'i1', 0)");
  for (let i = 0; i < 10; i++) add.run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('trimChanges', () => {
  it.each<[string, bigint, number, { deleted: number; more: boolean }, number[]]>([
    ['nothing applied', 0n, 100, { deleted: 0, more: false }, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
    ['part applied', 4n, 100, { deleted: 4, more: false }, [5, 6, 7, 8, 9, 10]],
    ['all applied: the newest stays', 10n, 100, { deleted: 9, more: false }, [10]],
    ['more applied than a batch', 8n, 3, { deleted: 3, more: true }, [4, 5, 6, 7, 8, 9, 10]],
    ['exactly a batch', 3n, 3, { deleted: 3, more: false }, [4, 5, 6, 7, 8, 9, 10]],
    ['a batch that reaches the newest', 10n, 9, { deleted: 9, more: false }, [10]],
  ])('%s', (_name, applied, limit, result, left) => {
    expect(trimChanges(db, applied, limit)).toEqual(result);
    expect(seqs()).toEqual(left);
  });

  it('deletes batch after batch from the oldest until the applied position, never numbering from 1 again', () => {
    const rounds: number[] = [];
    for (let more = true; more; ) {
      const r = trimChanges(db, 9n, 4);
      rounds.push(r.deleted);
      more = r.more;
    }
    expect(rounds).toEqual([4, 4, 1]);
    expect(seqs()).toEqual([10]);
    expect(trimChanges(db, 10n, 4)).toEqual({ deleted: 0, more: false });
    db.prepare("INSERT INTO _catdb_changes (tbl, op, row_key, at) VALUES ('t', 'u', 'i1', 0)").run();
    expect(seqs()).toEqual([10, 11]);
  });

  it('gives way to the application holding the write lock, and keeps the busy timeout', () => {
    const app = new Database(join(dir, 'app.db'));
    db.pragma('busy_timeout = 4321');
    try {
      app.exec('BEGIN IMMEDIATE');
      expect(trimChanges(db, 5n)).toEqual({ deleted: 0, more: false });
      app.exec('COMMIT');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(4321);
      expect(trimChanges(db, 5n)).toEqual({ deleted: 5, more: false });
    } finally {
      app.close();
    }
  });

  it('leaves an empty log alone', () => {
    db.exec('DELETE FROM _catdb_changes');
    expect(trimChanges(db, 10n)).toEqual({ deleted: 0, more: false });
  });
});
