import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { isCatdbError } from '@catdb/core';
import { cutover, previewCutover } from '@catdb/core/online';
import { useScratchDatabase } from '../support/scratch-database.js';
import { followInProcess, waitForApplied } from './follow-in-process.js';

// What stops a cutover or the follower, and that it changes nothing the application sees:
// a pause over --max-pause, a target that differs from SQLite, a migrated table altered.

let dir: string;
const pg = useScratchDatabase('online_refuse', { each: true });
let app: BetterSqlite3.Database;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-online-refuse-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  file = join(dir, `app-${Date.now()}.db`);
  const Database = loadBetterSqlite3();
  app = new Database(file);
  app.exec(`PRAGMA journal_mode = WAL;
    CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
    INSERT INTO notes (body) VALUES ('one'), ('two');`);
});
afterEach(() => app?.close());

async function expectCode(p: Promise<unknown>, code: 'ONLINE_PAUSE_TOO_LONG' | 'VERIFY_MISMATCH' | 'ONLINE_SCHEMA_CHANGED'): Promise<Error> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(isCatdbError(err, code), String(err)).toBe(true);
  return err as Error;
}

const runStatus = async (): Promise<string> => (await pg.client.query<{ status: string }>('SELECT status FROM catdb.online_run')).rows[0]!.status;

describe('refusals that leave the application writing to SQLite', { timeout: 300_000 }, () => {
  it('a cutover expected to pause longer than --max-pause does nothing; the follower goes on', async () => {
    const { run, events } = await followInProcess({ source: file, target: pg.url });
    // The preview changes nothing: no request reaches the follower.
    const preview = await previewCutover({ source: file, target: pg.url, maxPauseMs: 1 });
    expect(preview).toMatchObject({ status: 'following', maxPauseMs: 1, verify: 'changed', count: [], reload: [], fencedTables: 1, sequences: ['notes'] });
    expect(preview.estimatedPauseMs).toBeGreaterThan(1);
    expect((await pg.client.query('SELECT cutover_requested_at FROM catdb.online_run')).rows[0].cutover_requested_at).toBeNull();
    const err = await expectCode(cutover({ source: file, target: pg.url, maxPauseMs: 1 }), 'ONLINE_PAUSE_TOO_LONG');
    expect(err.message).toMatch(/more than --max-pause 1 ms; nothing was fenced/);
    expect(await runStatus()).toBe('following');
    app.prepare("INSERT INTO notes (body) VALUES ('after the refusal')").run();
    await waitForApplied(events);
    expect(events.some((e) => e.type === 'online-handover' && e.status === 'resumed')).toBe(true);
    expect((await pg.client.query(`SELECT 1 FROM notes WHERE body = 'after the refusal'`)).rowCount).toBe(1);
    await cutover({ source: file, target: pg.url });
    expect((await run).outcome).toBe('cut-over-elsewhere');
  });

  it('a target that differs from SQLite stops the cutover before the fence', async () => {
    const { run } = await followInProcess({ source: file, target: pg.url });
    app.prepare("INSERT INTO notes (body) VALUES ('three')").run();
    // Someone writes to the target behind catdb's back.
    await pg.client.query(`INSERT INTO notes (id, body) VALUES (1000, 'stray')`);
    const err = await expectCode(cutover({ source: file, target: pg.url }), 'VERIFY_MISMATCH');
    expect(err.message).toMatch(/notes \(SQLite 3 rows, target 4\)/);
    expect(app.prepare("INSERT INTO notes (body) VALUES ('still writable')").run().changes).toBe(1);
    expect(await runStatus()).toBe('following');
    await pg.client.query('DELETE FROM notes WHERE id = 1000');
    await cutover({ source: file, target: pg.url });
    expect((await run).outcome).toBe('cut-over-elsewhere');
  });

  it('a child row the target deleted by ON DELETE CASCADE while SQLite kept it stops the cutover', async () => {
    // SQLite checks foreign keys only when asked: with them off, deleting a parent keeps its
    // children; the target cascades. The child's rows are not in the log, so the cutover must
    // find them by counting, although it counts whole tables only before taking the lock.
    app.exec(`CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parents(id) ON DELETE CASCADE);
      INSERT INTO parents VALUES (1, 'a'), (2, 'b');
      INSERT INTO children VALUES (10, 1), (11, 1), (20, 2);`);
    const { run, events } = await followInProcess({ source: file, target: pg.url });
    app.prepare("UPDATE parents SET name = 'c' WHERE id = 2").run();
    await waitForApplied(events);
    // better-sqlite3 turns foreign keys on by default; the application here has them off.
    app.pragma('foreign_keys = OFF');
    app.prepare('DELETE FROM parents WHERE id = 1').run();
    const err = await expectCode(cutover({ source: file, target: pg.url }), 'VERIFY_MISMATCH');
    expect(err.message).toMatch(/children \(SQLite 3 rows, target 1\)/);
    expect(await runStatus()).toBe('following');
    app.exec('DELETE FROM children WHERE parent_id = 1');
    await cutover({ source: file, target: pg.url });
    expect((await run).outcome).toBe('cut-over-elsewhere');
  });

  it('a new table or index goes unnoticed; altering a migrated table stops the follower with ONLINE_SCHEMA_CHANGED', async () => {
    const { run, events } = await followInProcess({ source: file, target: pg.url });
    app.exec('CREATE TABLE later (x); CREATE INDEX notes_body ON notes (body)');
    app.prepare("INSERT INTO notes (body) VALUES ('after the new table')").run();
    await waitForApplied(events);
    expect((await pg.client.query(`SELECT 1 FROM notes WHERE body = 'after the new table'`)).rowCount).toBe(1);
    app.exec('ALTER TABLE notes ADD COLUMN tag TEXT');
    const err = await expectCode(run, 'ONLINE_SCHEMA_CHANGED');
    expect(err.message).toContain(file);
    expect(app.prepare("INSERT INTO notes (body, tag) VALUES ('x', 'y')").run().changes).toBe(1);
  });
});
