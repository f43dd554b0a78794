import type BetterSqlite3 from 'better-sqlite3';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';

/**
 * The application database of the online tests, in WAL mode: a table with an AUTOINCREMENT
 * key, a WITHOUT ROWID table with a two-column key, a rowid table keyed by text, a rowid
 * alias table whose keys move, and a table without a primary key.
 */
export const APP_SCHEMA = `
  CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, price REAL, updated_at TEXT);
  CREATE TABLE tags (name TEXT NOT NULL, item_id INTEGER NOT NULL, weight INTEGER, PRIMARY KEY (name, item_id)) WITHOUT ROWID;
  CREATE TABLE users (email TEXT PRIMARY KEY, name TEXT NOT NULL, avatar BLOB);
  CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, payload BLOB);
  CREATE TABLE audit (at TEXT NOT NULL, what TEXT);
`;

/** Creates the database with `rows` rows in items (and some in the others). */
export function createAppDatabase(file: string, rows: number): void {
  const Database = loadBetterSqlite3();
  const db: BetterSqlite3.Database = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(APP_SCHEMA);
    const fill = db.transaction(() => {
      const item = db.prepare('INSERT INTO items (title, price, updated_at) VALUES (?, ?, ?)');
      const tag = db.prepare('INSERT INTO tags VALUES (?, ?, ?)');
      for (let i = 1; i <= rows; i++) {
        item.run(`item ${i} ${'x'.repeat(i % 50)}`, (i % 1000) + 0.25, `2024-01-01 00:00:${String(i % 60).padStart(2, '0')}`);
        if (i % 10 === 0) tag.run(`tag${i % 7}`, i, i % 5);
      }
      const user = db.prepare('INSERT INTO users VALUES (?, ?, ?)');
      const event = db.prepare('INSERT INTO events (kind, payload) VALUES (?, ?)');
      for (let i = 1; i <= Math.max(10, rows / 100); i++) {
        user.run(`user${i}@example.com`, `User ${i}`, Buffer.from([i % 256, 0, 255]));
        event.run(`kind${i % 3}`, Buffer.from(`payload ${i}`));
      }
      db.prepare("INSERT INTO audit VALUES ('2024-01-01', 'created')").run();
    });
    fill();
  } finally {
    db.close();
  }
}
