import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { isCatdbError, verifyMigration } from '@catdb/core';
import { cutover, migrateOnline, type OnlineEvent, onlineAbort } from '@catdb/core/online';
import { followInProcess, waitForApplied } from './follow-in-process.js';
import { useScratchDatabase } from '../support/scratch-database.js';

// The follower against the awkward writes of real applications, driven through the library:
// INSERT OR REPLACE that deletes another row silently, a NOCASE key changing case, BLOB and
// huge integer keys, cascades, a table without a primary key, a hostile table name.

const HOSTILE = `it's "odd"; --`;
const SCHEMA = `
  PRAGMA journal_mode = WAL;
  CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, n INTEGER);
  CREATE TABLE codes (code TEXT COLLATE NOCASE PRIMARY KEY, v TEXT) WITHOUT ROWID;
  CREATE TABLE blobs (k BLOB PRIMARY KEY, v TEXT);
  CREATE TABLE bigs (id INTEGER PRIMARY KEY, v INTEGER);
  CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT);
  CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents (id) ON DELETE CASCADE, name TEXT);
  CREATE TABLE keyless (a TEXT, b INTEGER);
  CREATE TABLE "${HOSTILE.replaceAll('"', '""')}" ("we""ird" TEXT PRIMARY KEY, "x y" REAL);
  INSERT INTO accounts VALUES (1, 'a@x', 1), (2, 'b@x', 2);
  INSERT INTO codes VALUES ('abc', 'one');
  INSERT INTO blobs VALUES (x'00ff', 'blob');
  INSERT INTO bigs VALUES (9007199254740993, 9007199254740995);
  INSERT INTO parents VALUES (1, 'p1'), (2, 'p2');
  INSERT INTO children VALUES (10, 1, 'c1'), (11, 2, 'c2');
  INSERT INTO keyless VALUES ('k', 1);
  INSERT INTO "${HOSTILE.replaceAll('"', '""')}" VALUES ('w', 0.1);
`;

let dir: string;
const pg = useScratchDatabase('online_edge', { each: true });
let app: BetterSqlite3.Database;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-online-edge-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  file = join(dir, `edge-${Date.now()}.db`);
  const Database = loadBetterSqlite3();
  app = new Database(file);
  app.exec(SCHEMA);
  app.pragma('foreign_keys = ON');
});
afterEach(() => app?.close());

describe('following awkward writes', { timeout: 300_000 }, () => {
  it('carries REPLACE, key changes, BLOB and 64-bit keys, cascades and keyless tables exactly', async () => {
    const { run: running, events } = await followInProcess({ source: file, target: pg.url });
    // REPLACE on the UNIQUE email deletes account 1 without a delete trigger.
    app.prepare("INSERT OR REPLACE INTO accounts VALUES (3, 'a@x', 3)").run();
    // NOCASE says the key did not change; PostgreSQL compares bytes, so it did.
    app.prepare("UPDATE codes SET code = 'ABC' WHERE code = 'abc'").run();
    app.prepare("INSERT INTO codes VALUES ('new', 'two')").run();
    app.prepare("UPDATE blobs SET k = x'0100', v = 'moved' WHERE k = x'00ff'").run();
    app.prepare('UPDATE bigs SET v = v + 2').run();
    app.prepare('INSERT INTO bigs VALUES (?, ?)').run(2n ** 62n, -(2n ** 62n));
    app.prepare('DELETE FROM parents WHERE id = 1').run();
    app.prepare("INSERT INTO parents VALUES (3, 'p3')").run();
    app.prepare("INSERT INTO children VALUES (12, 3, 'c3')").run();
    app.prepare("UPDATE children SET parent_id = 3 WHERE id = 11").run();
    app.prepare("INSERT INTO keyless VALUES ('k2', 2)").run();
    app.prepare(`UPDATE "${HOSTILE.replaceAll('"', '""')}" SET "x y" = 0.30000000000000004`).run();
    await waitForApplied(events);
    expect(events.filter((e) => e.type === 'online-retry').map((e) => (e as { reason: string }).reason).join(' ')).toMatch(/accounts/);

    const result = await cutover({ source: file, target: pg.url, verify: 'full' });
    expect(result.pauseMs).toBeGreaterThan(0);
    expect(result.reloaded).toEqual(['keyless']);
    expect(result.verified.every((v) => v.ok)).toBe(true);
    expect((await running).outcome).toBe('cut-over-elsewhere');

    const verified = await verifyMigration({ source: file, target: pg.url });
    expect(verified.tables.filter((t) => !t.ok)).toEqual([]);
    expect(verified.tables).toHaveLength(8);
    const rows = await pg.client.query(`SELECT (SELECT array_agg(id ORDER BY id) FROM accounts) AS accounts, (SELECT array_agg(code ORDER BY code) FROM codes) AS codes,
      (SELECT array_agg(v::text ORDER BY id) FROM bigs) AS bigs, (SELECT array_agg(id ORDER BY id) FROM children) AS children`);
    expect(rows.rows[0]).toEqual({ accounts: [2, 3], codes: ['ABC', 'new'], bigs: ['9007199254740997', '-4611686018427387904'], children: [11, 12] });
    expect(() => app.prepare("INSERT INTO codes VALUES ('late', 'x')").run()).toThrow(/catdb: this database moved to PostgreSQL/);
  });

  it('Ctrl-C stops following and leaves it resumable; online-abort removes everything from the file', async () => {
    const events: OnlineEvent[] = [];
    const controller = new AbortController();
    let caughtUp!: () => void;
    const ready = new Promise<void>((r) => (caughtUp = r));
    const run = migrateOnline({ source: file, target: pg.url, jobs: 2, pollMs: 50, signal: controller.signal, onEvent: (e) => (events.push(e), e.type === 'online-lag' && e.caughtUp && caughtUp()) });
    await ready;
    controller.abort();
    const stopped = await run.catch((err: unknown) => err);
    expect(isCatdbError(stopped, 'ABORTED')).toBe(true);
    app.prepare("INSERT INTO codes VALUES ('while-stopped', 'x')").run();

    // The same call continues: the change made while nobody followed arrives.
    const again: OnlineEvent[] = [];
    const resumed = migrateOnline({ source: file, target: pg.url, jobs: 2, pollMs: 50, cutoverWhenCaughtUp: true, onEvent: (e) => again.push(e) });
    const done = await resumed;
    expect(done.outcome).toBe('cut-over');
    expect(again.find((e) => e.type === 'online-capture')).toMatchObject({ action: 'found' });
    expect(again.some((e) => e.type === 'table-start')).toBe(false);
    expect((await pg.client.query(`SELECT 1 FROM codes WHERE code = 'while-stopped'`)).rowCount).toBe(1);

    const refused = await onlineAbort({ source: file, target: pg.url }).catch((err: unknown) => err);
    expect(isCatdbError(refused, 'ONLINE_FENCED')).toBe(true);
    const removed = await onlineAbort({ source: file, target: pg.url, force: true });
    expect(removed.removed.tables).toEqual(['_catdb_changes', '_catdb_meta']);
    expect(app.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE '\\_catdb\\_%' ESCAPE '\\'").pluck().get()).toBe(0);
    app.prepare("INSERT INTO codes VALUES ('back', 'on sqlite')").run();
  });
});
