import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogizerDb } from '../../fixtures/catalogizer/generate-catalogizer.js';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { verifyMigration } from '@catdb/core';
import { cutover, migrateOnline, type OnlineEvent } from '@catdb/core/online';
import { catalogizerTarget, tableCounts } from '../support/catalogizer-target.js';
import { scratchDatabaseFactory, type ScratchDatabase } from '../support/scratch-database.js';

// The Catalogizer runbook: the application's own PostgreSQL schema (its migrations created
// it), a data-only copy while the application writes to its SQLite catalog, following, and a
// cutover after which the application's next inserts get fresh ids.

let dir: string;
let file: string;
let target: ScratchDatabase;
const freshDatabase = scratchDatabaseFactory();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-online-catalogizer-'));
  file = join(dir, 'catalog.sqlite');
  generateCatalogizerDb({ path: file, mediaItems: 400, seed: 21 });
  const Database = loadBetterSqlite3();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.close();
  target = await catalogizerTarget('online_catalogizer', freshDatabase);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('online data-only migration of a Catalogizer catalog', { timeout: 300_000 }, () => {
  it('copies into the application schema, follows its writes, cuts over, and sequences continue past SQLite', async () => {
    const events: OnlineEvent[] = [];
    let caughtUp!: () => void;
    const ready = new Promise<void>((r) => (caughtUp = r));
    const running = migrateOnline({ source: file, target: target.url, dataOnly: true, existingRows: 'truncate', jobs: 2, pollMs: 50, onEvent: (e) => (events.push(e), e.type === 'online-lag' && e.caughtUp && caughtUp()) });
    running.catch(() => {});
    await Promise.race([ready, running.then(() => Promise.reject(new Error('ended before following')))]);
    expect(events.some((e) => e.type === 'data-only-report')).toBe(true);

    const Database = loadBetterSqlite3();
    const app = new Database(file);
    app.pragma('busy_timeout = 10000');
    app.pragma('foreign_keys = ON');
    const added = Number(app.prepare("INSERT INTO media_items (media_type_id, title, rating, status) VALUES (1, 'Added while online', 7.3, 'detected')").run().lastInsertRowid);
    app.prepare('UPDATE media_items SET rating = 9.1, title = title || ? WHERE id = (SELECT min(id) FROM media_items)').run(' (edited)');
    const gone = Number(app.prepare('SELECT max(id) FROM media_items WHERE id < ?').pluck().get(added));
    app.prepare('DELETE FROM media_items WHERE id = ?').run(gone);
    app.prepare("INSERT INTO media_collections (name, collection_type) VALUES ('Online', 'custom')").run();
    // AUTOINCREMENT: a deleted newest id must not come back from the PostgreSQL sequence.
    const last = Number(app.prepare("INSERT INTO media_items (media_type_id, title, status) VALUES (1, 'Deleted again', 'detected')").run().lastInsertRowid);
    app.prepare('DELETE FROM media_items WHERE id = ?').run(last);

    const result = await cutover({ source: file, target: target.url });
    expect(result.pauseMs).toBeGreaterThan(0);
    expect(result.counts.every((c) => c.ok)).toBe(true);
    expect(result.counts.map((c) => c.table)).toEqual(expect.arrayContaining(['media_items', 'media_collections']));
    expect((await running).outcome).toBe('cut-over-elsewhere');
    expect(() => app.prepare("INSERT INTO media_collections (name, collection_type) VALUES ('late', 'custom')").run()).toThrow(/catdb: this database moved/);
    const sqliteCounts = Object.fromEntries((app.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_catdb\\_%' ESCAPE '\\'").pluck().all() as string[]).map((t) => [t, Number(app.prepare(`SELECT count(*) FROM "${t}"`).pluck().get())]));
    app.close();

    const verified = await verifyMigration({ source: file, target: target.url });
    expect(verified.tables.filter((t) => !t.ok).map((t) => t.table)).toEqual([]);
    const c = await target.connect();
    try {
      const counts = await tableCounts(c);
      for (const [t, n] of Object.entries(sqliteCounts)) expect(counts[t], t).toBe(n);
      const rows = await c.query<{ title: string; rating: number }>('SELECT title, rating FROM media_items WHERE id = $1', [added]);
      expect(rows.rows).toEqual([{ title: 'Added while online', rating: 7.3 }]);
      expect((await c.query('SELECT 1 FROM media_items WHERE id = $1', [gone])).rowCount).toBe(0);
      const next = await c.query<{ v: string }>(`SELECT nextval(pg_get_serial_sequence('public.media_items', 'id'))::text AS v`);
      expect(Number(next.rows[0]!.v)).toBeGreaterThan(last);
    } finally {
      await c.end();
    }
  });
});
