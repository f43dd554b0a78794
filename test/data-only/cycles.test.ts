import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { migrateSqliteToPg } from '@catdb/core';
import { useScratchDatabase } from '../support/scratch-database.js';

// A self-reference whose children come before their parents in rowid order, and a
// two-table cycle with one NOT DEFERRABLE and one DEFERRABLE foreign key.
const TARGET = `
  CREATE TABLE folder (id SERIAL PRIMARY KEY, parent_id INTEGER REFERENCES folder(id), name TEXT NOT NULL);
  CREATE TABLE author (id SERIAL PRIMARY KEY, best_book_id INTEGER, name TEXT NOT NULL);
  CREATE TABLE book (id SERIAL PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author(id) DEFERRABLE, title TEXT NOT NULL);
  ALTER TABLE author ADD CONSTRAINT author_best_book_fkey FOREIGN KEY (best_book_id) REFERENCES book(id) ON DELETE SET NULL;`;

let dir: string;
const db = useScratchDatabase('do_cycle');
let source: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-cycle-'));
  source = join(dir, 'cycle.sqlite');
  const s = new (loadBetterSqlite3())(source);
  s.exec(`
    CREATE TABLE folder (id INTEGER PRIMARY KEY AUTOINCREMENT, parent_id INTEGER REFERENCES folder(id), name TEXT NOT NULL);
    CREATE TABLE author (id INTEGER PRIMARY KEY AUTOINCREMENT, best_book_id INTEGER, name TEXT NOT NULL);
    CREATE TABLE book (id INTEGER PRIMARY KEY AUTOINCREMENT, author_id INTEGER NOT NULL, title TEXT NOT NULL);
    INSERT INTO folder VALUES (1, 3, 'child of 3'), (2, 1, 'grandchild'), (3, NULL, 'root'), (4, 2, 'deep');
    INSERT INTO author VALUES (1, 2, 'Le Guin'), (2, NULL, 'Borges');
    INSERT INTO book VALUES (1, 2, 'Ficciones'), (2, 1, 'The Dispossessed'), (3, 1, 'Lathe');
  `);
  s.close();
  await db.client.query(TARGET);
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('data-only load order for self-references and cycles', () => {
  it('loads children-before-parents and a cycle in one transaction, then every foreign key holds', async () => {
    const result = await migrateSqliteToPg({ source, target: db.url, dataOnly: true });
    expect(result.verification?.ok).toBe(true);
    expect(result.report.cycles).toEqual([
      {
        tables: ['author', 'book'],
        foreignKeys: [
          { name: 'author_best_book_fkey', table: 'author', parent: 'book', check: 're-created' },
          { name: 'book_author_id_fkey', table: 'book', parent: 'author', check: 'deferred' },
        ],
      },
    ]);
    const c = await db.connect();
    try {
      const { rows } = await c.query<{ conname: string; def: string }>("SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' ORDER BY conname");
      expect(rows).toEqual([
        { conname: 'author_best_book_fkey', def: 'FOREIGN KEY (best_book_id) REFERENCES book(id) ON DELETE SET NULL' },
        { conname: 'book_author_id_fkey', def: 'FOREIGN KEY (author_id) REFERENCES author(id) DEFERRABLE' },
        { conname: 'folder_parent_id_fkey', def: 'FOREIGN KEY (parent_id) REFERENCES folder(id)' },
      ]);
      expect((await c.query('SELECT count(*)::int AS n FROM folder')).rows[0]).toEqual({ n: 4 });
      // The re-created constraint is enforced again.
      await expect(c.query('UPDATE author SET best_book_id = 99 WHERE id = 1')).rejects.toThrow(/author_best_book_fkey/);
    } finally {
      await c.end();
    }
  });

  it('a cycle row whose parent is missing stops the load before any change', async () => {
    const broken = join(dir, 'broken.sqlite');
    const s = new (loadBetterSqlite3())(broken);
    s.exec(`
      CREATE TABLE folder (id INTEGER PRIMARY KEY, parent_id INTEGER, name TEXT NOT NULL);
      CREATE TABLE author (id INTEGER PRIMARY KEY, best_book_id INTEGER, name TEXT NOT NULL);
      CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL, title TEXT NOT NULL);
      INSERT INTO folder VALUES (1, NULL, 'root');
      INSERT INTO author VALUES (1, 42, 'nobody wrote 42');
      INSERT INTO book VALUES (1, 1, 'x');`);
    s.close();
    const err = await migrateSqliteToPg({ source: broken, target: db.url, dataOnly: true, existingRows: 'truncate' }).catch((e: unknown) => e as { code: string; message: string });
    expect(err.code).toBe('PLAN_DATA_ONLY_BLOCKED');
    expect(err.message).toContain('author rowid 1: best_book_id=42 has no row in book(id)');
    const c = await db.connect();
    try {
      expect((await c.query('SELECT count(*)::int AS n FROM book')).rows[0]).toEqual({ n: 3 });
    } finally {
      await c.end();
    }
  });
});
