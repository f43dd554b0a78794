import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { verifyMigration } from '@catdb/core';
import { cutover } from '@catdb/core/online';
import { useScratchDatabase } from '../support/scratch-database.js';
import { followInProcess, waitForApplied } from './follow-in-process.js';

// SQLite triggers are migrated as PostgreSQL triggers. The rows the follower writes already
// hold what SQLite's triggers did, so the translated triggers must not fire again for them:
// a touched timestamp would be set to another time, an audit row written twice.
const SCHEMA = `
  PRAGMA journal_mode = WAL;
  CREATE TABLE items (id INTEGER PRIMARY KEY, title TEXT NOT NULL, updated_at TEXT);
  CREATE TABLE audit (id INTEGER PRIMARY KEY, item_id INTEGER, what TEXT);
  CREATE TABLE notes (body TEXT);
  CREATE TRIGGER items_touch AFTER UPDATE OF title ON items
  BEGIN UPDATE items SET updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 day') WHERE id = NEW.id; END;
  CREATE TRIGGER items_audit AFTER INSERT ON items
  BEGIN INSERT INTO audit (item_id, what) VALUES (NEW.id, 'insert'); END;
  CREATE TRIGGER notes_audit AFTER INSERT ON notes
  BEGIN INSERT INTO audit (item_id, what) VALUES (NULL, NEW.body); END;
  INSERT INTO items (title) VALUES ('one'), ('two');
`;

let dir: string;
const pg = useScratchDatabase('online_triggers', { each: true });
let app: BetterSqlite3.Database;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-online-triggers-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  file = join(dir, `triggers-${Date.now()}.db`);
  app = new (loadBetterSqlite3())(file);
  app.exec(SCHEMA);
});
afterEach(() => app?.close());

describe('following tables with migrated triggers', { timeout: 300_000 }, () => {
  it('applies the rows as SQLite holds them, without firing the triggers again, and leaves the triggers on', async () => {
    const { run, events } = await followInProcess({ source: file, target: pg.url });
    const triggers = `SELECT c.relname || '.' || t.tgname AS name, t.tgenabled AS enabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal ORDER BY 1`;
    const created = (await pg.client.query<{ name: string; enabled: string }>(triggers)).rows;
    expect(created.map((r) => r.enabled)).toEqual(['O', 'O', 'O']);

    app.prepare("UPDATE items SET title = 'uno' WHERE id = 1").run();
    app.prepare("INSERT INTO items (title) VALUES ('three')").run();
    app.prepare("INSERT INTO notes VALUES ('n1')").run();
    await waitForApplied(events);
    // Another round on a table with triggers: the first one turned them on again.
    app.prepare("UPDATE items SET title = 'dos' WHERE id = 2").run();
    await waitForApplied(events);
    expect((await pg.client.query(triggers)).rows).toEqual(created);

    const result = await cutover({ source: file, target: pg.url, verify: 'full' });
    expect(result.reloaded).toEqual(['notes']);
    expect(result.verified.every((v) => v.ok)).toBe(true);
    expect((await run).outcome).toBe('cut-over-elsewhere');
    const verified = await verifyMigration({ source: file, target: pg.url });
    expect(verified.tables.filter((t) => !t.ok)).toEqual([]);
    expect((await pg.client.query('SELECT item_id::int AS item_id, what FROM audit ORDER BY id')).rows).toEqual([
      { item_id: 1, what: 'insert' },
      { item_id: 2, what: 'insert' },
      { item_id: 3, what: 'insert' },
      { item_id: null, what: 'n1' },
    ]);

    // On PostgreSQL the application's own writes fire them as before.
    expect((await pg.client.query(triggers)).rows).toEqual(created);
    await pg.client.query("INSERT INTO items (title) VALUES ('four')");
    expect((await pg.client.query("SELECT count(*)::int AS n FROM audit WHERE what = 'insert'")).rows[0]).toEqual({ n: 4 });
  });
});
