import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import { introspectSqlite } from '../sqlite/introspect-sqlite.js';
import { CHANGES_TABLE } from '../sqlite/capture-names.js';
import { fenceCapture } from './fence-capture.js';
import { installCapture } from './install-capture.js';
import { openLiveSqlite, type LiveSqlite } from './open-live-sqlite.js';
import { parseChangeKey } from './parse-change-key.js';
import { planCapture } from './plan-capture.js';
import { readCapture } from './read-capture.js';
import { removeCapture } from './remove-capture.js';
import { FENCE_MESSAGE, renderKeyExpression } from './render-capture-sql.js';

// Change capture in a real WAL-mode file, written to by a second connection that plays the
// application: what the triggers log, that the application sees no difference, and that
// install, fence and removal are all-or-nothing and touch only catdb's own objects.

const HOSTILE = `it's "x"; DROP TABLE notes; --`;
const SCHEMA = `
  PRAGMA journal_mode = WAL;
  CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL UNIQUE, price REAL);
  CREATE TABLE tags (name TEXT COLLATE NOCASE, item_id INTEGER, weight ANY, PRIMARY KEY (name, item_id)) WITHOUT ROWID;
  CREATE TABLE users (email TEXT PRIMARY KEY, nick TEXT);
  CREATE TABLE notes (body TEXT);
  CREATE TABLE ${quoteSqliteIdent(HOSTILE)} (k BLOB PRIMARY KEY, v);
  CREATE TABLE _catdb_mine (x);
`;

let dir: string;
let file: string;
let app: Database.Database;
let live: LiveSqlite;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-capture-'));
  file = join(dir, 'app.db');
  app = new Database(file);
  app.exec(SCHEMA);
  live = openLiveSqlite(file, { readonly: false, busyTimeoutMs: 200 });
});
afterEach(() => {
  live?.close();
  app?.close();
  rmSync(dir, { recursive: true, force: true });
});

function install(): ReturnType<typeof planCapture> {
  const tables = planCapture(introspectSqlite(live.db, file));
  installCapture(live.db, { file, tables, installId: 'install-1', targetSchema: 'public' });
  return tables;
}

function log(): { tbl: string; op: string; row_key: unknown }[] {
  return app.prepare(`SELECT tbl, op, row_key FROM ${CHANGES_TABLE} ORDER BY seq`).safeIntegers(true).all() as { tbl: string; op: string; row_key: unknown }[];
}

describe('planCapture', () => {
  it('keys each table the way the target knows its rows', () => {
    const byName = new Map(planCapture(introspectSqlite(live.db, file)).map((t) => [t.name, t.key]));
    expect(byName.get('items')).toEqual({ kind: 'rowid' });
    expect(byName.get('tags')).toEqual({ kind: 'columns', columns: ['name', 'item_id'] });
    expect(byName.get('users')).toEqual({ kind: 'columns', columns: ['email'] });
    expect(byName.get('notes')).toEqual({ kind: 'none' });
    expect(byName.get(HOSTILE)).toEqual({ kind: 'columns', columns: ['k'] });
  });

  it('follows --include / --exclude like the migration', () => {
    const names = planCapture(introspectSqlite(live.db, file), { exclude: ['NOTES', HOSTILE] }).map((t) => t.name);
    expect(names).toEqual(['_catdb_mine', 'items', 'tags', 'users']);
  });
});

describe('installCapture', () => {
  it('logs inserts, updates and deletes with keys that find the row again', () => {
    const tables = install();
    app.prepare('INSERT INTO items (title, price) VALUES (?, ?)').run('a', 1.5);
    app.prepare('INSERT INTO tags VALUES (?, ?, ?)').run('Ünïcode,x', 1, 0.1);
    app.prepare('INSERT INTO users VALUES (?, ?)').run("o'hara@example.com", 'o');
    app.prepare(`INSERT INTO ${quoteSqliteIdent(HOSTILE)} VALUES (?, ?)`).run(Buffer.from([0, 1, 255]), 'v');
    app.prepare('INSERT INTO notes VALUES (?)').run('n');
    app.prepare('UPDATE items SET price = 2 WHERE id = 1').run();
    app.prepare('DELETE FROM notes').run();
    const entries = log();
    expect(entries.map((e) => [e.tbl, e.op])).toEqual([
      ['items', 'i'],
      ['tags', 'i'],
      ['users', 'i'],
      [HOSTILE, 'i'],
      ['notes', 'i'],
      ['items', 'u'],
      ['notes', 'd'],
    ]);
    expect(entries[0]!.row_key).toBe(1n);
    // Every logged key, read back, selects exactly the row it was logged for.
    for (const e of entries.filter((x) => x.tbl !== 'notes')) {
      const t = tables.find((x) => x.name === e.tbl)!;
      const values = parseChangeKey(t.name, t.key, e.row_key);
      const where = t.key.kind === 'columns' ? t.key.columns.map((c) => `${quoteSqliteIdent(c)} = ?`).join(' AND ') : 'rowid = ?';
      const found = app.prepare(`SELECT ${renderKeyExpression(t.key)} AS k FROM ${quoteSqliteIdent(t.name)} WHERE ${where}`).safeIntegers(true).all(...values) as { k: unknown }[];
      expect(found, `${t.name} ${String(e.row_key)}`).toEqual([{ k: e.row_key }]);
    }
  });

  it('logs the old key as a delete when an update moves a row to another key', () => {
    install();
    app.prepare('INSERT INTO items (id, title) VALUES (5, ?)').run('a');
    app.prepare('UPDATE items SET id = 9 WHERE id = 5').run();
    app.prepare('INSERT INTO tags VALUES (?, 1, NULL)').run('abc');
    // NOCASE says 'abc' = 'ABC', but the target compares case-sensitively: the key moved.
    app.prepare("UPDATE tags SET name = 'ABC' WHERE name = 'abc'").run();
    app.prepare("UPDATE tags SET weight = 2 WHERE name = 'ABC'").run();
    expect(log().map((e) => [e.tbl, e.op, e.row_key])).toEqual([
      ['items', 'i', 5n],
      ['items', 'd', 5n],
      ['items', 'u', 9n],
      ['tags', 'i', 't616263,i1'],
      ['tags', 'd', 't616263,i1'],
      ['tags', 'u', 't414243,i1'],
      ['tags', 'u', 't414243,i1'],
    ]);
  });

  it('leaves what the application sees unchanged: rowids, change counts, AUTOINCREMENT, REPLACE, upserts, RETURNING', () => {
    // The same statements against a copy without capture must give the same answers and rows.
    const plain = new Database(join(dir, 'plain.db'));
    plain.exec(SCHEMA);
    install();
    const script = (db: Database.Database): unknown[] => {
      const out: unknown[] = [];
      const run = (sql: string, ...args: unknown[]): void => {
        const r = db.prepare(sql).run(...args);
        out.push([r.changes, r.lastInsertRowid, db.prepare('SELECT last_insert_rowid(), changes()').raw().get()]);
      };
      run('INSERT INTO items (title) VALUES (?)', 'x');
      run('INSERT INTO items (title, price) VALUES (?, 1)', 'y');
      run('UPDATE items SET price = 3');
      run("INSERT OR REPLACE INTO items (id, title) VALUES (1, 'z')");
      run("INSERT OR REPLACE INTO items (title) VALUES ('y')");
      run('INSERT INTO items (title) VALUES (?) ON CONFLICT (title) DO UPDATE SET price = 7', 'z');
      run('DELETE FROM items WHERE id = (SELECT max(id) FROM items)');
      run('INSERT INTO tags VALUES (?, 1, 2) ON CONFLICT DO NOTHING', 'a');
      run('INSERT INTO tags VALUES (?, 1, 2) ON CONFLICT DO NOTHING', 'A');
      out.push(db.prepare("INSERT INTO items (title) VALUES ('r') RETURNING id, title").all());
      out.push(db.prepare('SELECT * FROM items ORDER BY id').all(), db.prepare('SELECT * FROM tags').all(), db.prepare('SELECT * FROM sqlite_sequence').all());
      return out;
    };
    const expected = script(plain);
    plain.close();
    expect(script(app)).toEqual(expected);
    expect(log().length).toBeGreaterThan(5);
  });

  it('is one transaction: a failing statement leaves no catdb object behind', () => {
    const tables = [...planCapture(introspectSqlite(live.db, file)), { name: 'no_such_table', key: { kind: 'rowid' as const } }];
    expect(() => installCapture(live.db, { file, tables, installId: 'x', targetSchema: 'public' })).toThrow(/no_such_table/);
    expect(readCapture(live.db).objects).toEqual({ triggers: [], tables: [] });
  });

  it('refuses when catdb objects are already there, and changes nothing', () => {
    install();
    const before = readCapture(live.db);
    let caught: unknown;
    try {
      install();
    } catch (err) {
      caught = err;
    }
    expect(isCatdbError(caught, 'ONLINE_CAPTURE_CONFLICT')).toBe(true);
    expect(readCapture(live.db)).toEqual(before);
  });

  it('waits for the application writer on the busy timeout, then reports SQLITE_LOCKED', () => {
    app.exec('BEGIN IMMEDIATE');
    let caught: unknown;
    try {
      install();
    } catch (err) {
      caught = err;
    }
    app.exec('ROLLBACK');
    expect(isCatdbError(caught, 'SQLITE_LOCKED')).toBe(true);
    expect(readCapture(live.db).objects.triggers).toEqual([]);
  });

  it('records what it installed, and introspection does not see it', () => {
    const tables = install();
    const state = readCapture(live.db);
    expect(state).toMatchObject({ installId: 'install-1', targetSchema: 'public', phase: 'capturing', tables });
    expect(state.objects.tables).toEqual(['_catdb_changes', '_catdb_meta']);
    expect(state.objects.triggers).toHaveLength(tables.length * 3);
    const schema = introspectSqlite(live.db, file);
    expect(schema.tables.map((t) => t.name)).not.toContain('_catdb_changes');
    expect(schema.tables.map((t) => t.name)).toContain('_catdb_mine');
    expect(schema.triggers).toEqual([]);
    expect(schema.skipped.map((s) => s.name)).toEqual(expect.arrayContaining(['_catdb_changes', '_catdb_meta']));
  });
});

describe('fenceCapture and removeCapture', () => {
  it('the fence fails every write with catdb’s message; reads go on', () => {
    const tables = install();
    app.prepare("INSERT INTO items (title) VALUES ('before')").run();
    live.db.exec('BEGIN IMMEDIATE');
    fenceCapture(live.db, tables);
    live.db.exec('COMMIT');
    expect(() => app.prepare("INSERT INTO items (title) VALUES ('after')").run()).toThrow(FENCE_MESSAGE);
    expect(() => app.prepare('UPDATE items SET price = 1').run()).toThrow(FENCE_MESSAGE);
    expect(() => app.prepare('DELETE FROM items').run()).toThrow(FENCE_MESSAGE);
    expect(() => app.prepare(`INSERT INTO ${quoteSqliteIdent(HOSTILE)} VALUES (x'00', 1)`).run()).toThrow(FENCE_MESSAGE);
    expect(app.prepare('SELECT title FROM items').pluck().all()).toEqual(['before']);
    expect(log()).toHaveLength(1);
    expect(readCapture(live.db).phase).toBe('fenced');
  });

  it('removal drops every catdb object and nothing else', () => {
    const master = app.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY 1, 2');
    const before = master.all();
    install();
    app.prepare("INSERT INTO items (title) VALUES ('kept')").run();
    const removed = removeCapture(live.db, file);
    expect(removed.tables).toEqual(['_catdb_changes', '_catdb_meta']);
    expect(master.all()).toEqual(before);
    expect(app.prepare('SELECT title FROM items').pluck().all()).toEqual(['kept']);
    expect(removeCapture(live.db, file)).toEqual({ triggers: [], tables: [] });
  });
});

describe('openLiveSqlite', () => {
  it('refuses a rollback-journal file with ONLINE_NOT_WAL', () => {
    const other = join(dir, 'journal.db');
    new Database(other).exec('CREATE TABLE t (x)').close();
    let caught: unknown;
    try {
      openLiveSqlite(other, { readonly: true });
    } catch (err) {
      caught = err;
    }
    expect(isCatdbError(caught, 'ONLINE_NOT_WAL')).toBe(true);
    expect((caught as Error).message).toContain('delete journal mode');
  });
});
