import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// Every translated trigger is fired in both databases by the same statement, and the effect
// compared: the rows it changed, or the error it raised with its message.
const pg = useScratchDatabase('triggers');
let lite: Database;
let source: string;
const files = scratchDir('catdb-triggers-');

const SCHEMA = `
  -- Catalogizer's three (shared/catalogizer/catalogizer-sqlite-schema.sql), the "touch" shape
  CREATE TABLE subtitle_sync_status (id INTEGER PRIMARY KEY AUTOINCREMENT, status TEXT NOT NULL, updated_at DATETIME, completed_at DATETIME);
  CREATE TRIGGER update_subtitle_sync_status_updated_at AFTER UPDATE ON subtitle_sync_status FOR EACH ROW
  BEGIN UPDATE subtitle_sync_status SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id; END;
  CREATE TRIGGER set_subtitle_sync_status_completed_at AFTER UPDATE ON subtitle_sync_status FOR EACH ROW
    WHEN NEW.status = 'completed' AND OLD.status != 'completed'
  BEGIN UPDATE subtitle_sync_status SET completed_at = CURRENT_TIMESTAMP WHERE id = NEW.id; END;
  INSERT INTO subtitle_sync_status (status, updated_at) VALUES ('pending', '2020-01-01 00:00:00'), ('completed', '2020-01-01 00:00:00');

  -- PROJ's validation shape
  CREATE TABLE unit_of_measure (code TEXT PRIMARY KEY, type TEXT NOT NULL);
  INSERT INTO unit_of_measure VALUES ('9001', 'length'), ('9102', 'angle');
  CREATE TABLE ellipsoid (code TEXT PRIMARY KEY, uom_code TEXT NOT NULL);
  CREATE TRIGGER ellipsoid_insert_trigger BEFORE INSERT ON ellipsoid FOR EACH ROW BEGIN
    SELECT RAISE(ABORT, 'insert on ellipsoid violates constraint: uom should be of type ''length''')
      WHERE (SELECT type FROM unit_of_measure WHERE code = NEW.uom_code) != 'length';
  END;

  -- GeoPackage's, with UPDATE OF and RAISE(ABORT) on NEW
  CREATE TABLE gpkg_tile_matrix (table_name TEXT NOT NULL, zoom_level INTEGER NOT NULL, PRIMARY KEY (table_name, zoom_level));
  CREATE TRIGGER 'gpkg_tile_matrix_zoom_level_update' BEFORE UPDATE of zoom_level ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'update on table ''gpkg_tile_matrix'' violates constraint: zoom_level cannot be less than 0') WHERE (NEW.zoom_level < 0); END;
  INSERT INTO gpkg_tile_matrix VALUES ('tiles', 0), ('tiles', 1);

  -- PROJ's INSTEAD OF INSERT on a view, writing the tables behind it
  CREATE TABLE conversion_method (code TEXT PRIMARY KEY, name TEXT);
  CREATE TABLE conversion_table (code TEXT PRIMARY KEY, method_code TEXT);
  CREATE VIEW conversion AS SELECT c.code, c.method_code, m.name AS method_name FROM conversion_table c LEFT JOIN conversion_method m ON m.code = c.method_code;
  CREATE TRIGGER conversion_insert_trigger_method INSTEAD OF INSERT ON conversion
    WHEN NOT EXISTS (SELECT 1 FROM conversion_method m WHERE m.code = NEW.method_code)
  BEGIN INSERT INTO conversion_method VALUES (NEW.method_code, NEW.method_name); END;
  CREATE TRIGGER conversion_insert_trigger_into_table INSTEAD OF INSERT ON conversion
  BEGIN INSERT INTO conversion_table VALUES (NEW.code, NEW.method_code); END;

  -- brewtarget's, plain statements on NEW/OLD
  CREATE TABLE instruction_in_recipe (id integer PRIMARY KEY autoincrement, recipe_id integer, instruction_number integer DEFAULT 0);
  CREATE TRIGGER inc_ins_num AFTER INSERT ON instruction_in_recipe BEGIN
    UPDATE instruction_in_recipe SET instruction_number = (SELECT max(instruction_number) FROM instruction_in_recipe WHERE recipe_id = new.recipe_id) + 1 WHERE rowid = new.rowid;
  END;
  CREATE TRIGGER dec_ins_num AFTER DELETE ON instruction_in_recipe BEGIN UPDATE instruction_in_recipe SET instruction_number = instruction_number - 1 WHERE recipe_id = OLD.recipe_id AND instruction_number > OLD.instruction_number; END;
  INSERT INTO instruction_in_recipe (recipe_id) VALUES (1), (1), (1), (2);

  -- a body that updates its own table: SQLite does not fire the running trigger again
  CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT, hits INTEGER DEFAULT 0);
  CREATE TABLE tag_rename (tag INTEGER, name TEXT);
  CREATE TRIGGER tag_normalise AFTER UPDATE ON tag BEGIN UPDATE tag SET name = lower(name), hits = hits + 1 WHERE id = NEW.id; END;
  CREATE TRIGGER tag_renamed AFTER INSERT ON tag_rename BEGIN UPDATE tag SET name = NEW.name WHERE id = NEW.tag; END;
  INSERT INTO tag (name) VALUES ('Jazz'), ('Rock');
`;

beforeAll(async () => {
  source = writeSqlite(files.path('app.db'), (db) => db.exec(SCHEMA));
  const run = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--json']);
  expect(run.code, run.stderr + run.stdout.slice(-2000)).toBe(0);
  const Db = loadBetterSqlite3();
  lite = new Db(source);
  // Far from UTC, so that a trigger storing local time instead of SQLite's UTC shows.
  await pg.client.query(`SET TimeZone = 'Pacific/Kiritimati'`);
});
afterAll(async () => {
  lite?.close();
  files.remove();
});

/** Runs the statement on both sides: the error message each raised, or undefined. */
async function fire(sql: string): Promise<{ sqlite?: string; pg?: string }> {
  let sqlite: string | undefined;
  let pgError: string | undefined;
  try {
    lite.exec(sql);
  } catch (err) {
    sqlite = (err as Error).message;
  }
  try {
    await pg.client.query(sql);
  } catch (err) {
    pgError = (err as Error).message;
  }
  return { ...(sqlite ? { sqlite } : {}), ...(pgError ? { pg: pgError } : {}) };
}

async function rows(sql: string): Promise<{ sqlite: unknown[]; pg: unknown[] }> {
  // pg returns bigint as text: compare every value's text, booleans as SQLite's 0/1.
  const norm = (r: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : typeof v === 'boolean' ? (v ? '1' : '0') : String(v)]));
  return { sqlite: (lite.prepare(sql).all() as Record<string, unknown>[]).map(norm), pg: (await pg.client.query(sql)).rows.map(norm) };
}

describe('triggers carried as PL/pgSQL', () => {
  it('creates every trigger of the file, each with its own function', async () => {
    const { rows: triggers } = await pg.client.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`);
    const source = (lite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).pluck().all() as string[]).map((n) => n.toLowerCase());
    expect(source).toHaveLength(10);
    expect(triggers.map((t) => t.tgname)).toEqual(source);
  });

  it('touch updated_at: an UPDATE moves updated_at on both sides, and completed_at only on the WHEN', async () => {
    expect(await fire(`UPDATE subtitle_sync_status SET status = 'running' WHERE id = 1`)).toEqual({});
    const moved = await rows(`SELECT id, status, updated_at > '2021-01-01' AS moved, completed_at IS NOT NULL AS completed FROM subtitle_sync_status ORDER BY id`);
    expect(moved.pg).toEqual(moved.sqlite);
    expect(moved.sqlite[0]).toMatchObject({ status: 'running', moved: '1', completed: '0' });
    // Both hold the current time in UTC, as SQLite's CURRENT_TIMESTAMP means it.
    expect(lite.prepare(`SELECT abs(strftime('%s', updated_at) - strftime('%s', 'now')) < 60 AS now FROM subtitle_sync_status WHERE id = 1`).get()).toEqual({ now: 1 });
    expect((await pg.client.query(`SELECT abs(extract(epoch FROM updated_at) - extract(epoch FROM now())) < 60 AS now FROM subtitle_sync_status WHERE id = 1`)).rows).toEqual([{ now: true }]);
    expect(await fire(`UPDATE subtitle_sync_status SET status = 'completed' WHERE id = 1`)).toEqual({});
    const done = await rows(`SELECT id, completed_at IS NOT NULL AS completed FROM subtitle_sync_status ORDER BY id`);
    expect(done.sqlite).toEqual([{ id: '1', completed: '1' }, { id: '2', completed: '0' }]);
    expect(done.pg).toEqual(done.sqlite);
  });

  it('RAISE(ABORT, msg) WHERE …: both refuse the row with the same message, and both accept a good one', async () => {
    const bad = await fire(`INSERT INTO ellipsoid VALUES ('7030', '9102')`);
    expect(bad.sqlite).toBe("insert on ellipsoid violates constraint: uom should be of type 'length'");
    expect(bad.pg).toBe(bad.sqlite);
    expect(await fire(`INSERT INTO ellipsoid VALUES ('7030', '9001')`)).toEqual({});
    const r = await rows(`SELECT code, uom_code FROM ellipsoid ORDER BY code`);
    expect(r.pg).toEqual(r.sqlite);
  });

  it('UPDATE OF zoom_level: fires for that column only', async () => {
    const bad = await fire(`UPDATE gpkg_tile_matrix SET zoom_level = -1 WHERE zoom_level = 1`);
    expect(bad.sqlite).toMatch(/zoom_level cannot be less than 0/);
    expect(bad.pg).toBe(bad.sqlite);
    expect(await fire(`UPDATE gpkg_tile_matrix SET table_name = 'other' WHERE zoom_level = 1`)).toEqual({});
    const r = await rows(`SELECT table_name, zoom_level FROM gpkg_tile_matrix ORDER BY zoom_level`);
    expect(r.pg).toEqual(r.sqlite);
  });

  it('INSTEAD OF INSERT on a view: the rows land in the tables behind it alike', async () => {
    expect(await fire(`INSERT INTO conversion (code, method_code, method_name) VALUES ('16001', '9807', 'Transverse Mercator')`)).toEqual({});
    expect(await fire(`INSERT INTO conversion (code, method_code, method_name) VALUES ('16002', '9807', 'ignored: the method exists')`)).toEqual({});
    for (const sql of ['SELECT code, name FROM conversion_method ORDER BY code', 'SELECT code, method_code FROM conversion_table ORDER BY code', 'SELECT * FROM conversion ORDER BY code']) {
      const r = await rows(sql);
      expect(r.pg, sql).toEqual(r.sqlite);
    }
    expect((await rows('SELECT count(*) AS n FROM conversion')).sqlite).toEqual([{ n: '2' }]);
  });

  it('plain statements on NEW/OLD: numbering kept on insert and delete alike', async () => {
    const before = await rows(`SELECT id, recipe_id, instruction_number FROM instruction_in_recipe ORDER BY id`);
    expect(before.pg).toEqual(before.sqlite);
    expect(await fire(`INSERT INTO instruction_in_recipe (recipe_id) VALUES (1)`)).toEqual({});
    expect(await fire(`DELETE FROM instruction_in_recipe WHERE id = 2`)).toEqual({});
    const after = await rows(`SELECT id, recipe_id, instruction_number FROM instruction_in_recipe ORDER BY id`);
    expect(after.pg).toEqual(after.sqlite);
    expect(after.sqlite.filter((r) => (r as { recipe_id: string }).recipe_id === '1').map((r) => (r as { instruction_number: string }).instruction_number)).toEqual(['1', '2', '3']);
  });

  it('a body that writes its own table runs once per row, as in SQLite, also when another trigger set it off', async () => {
    expect(await fire(`UPDATE tag SET name = 'BeBop' WHERE id = 1`)).toEqual({});
    expect(await fire(`INSERT INTO tag_rename VALUES (2, 'Punk ROCK')`)).toEqual({});
    const after = await rows('SELECT id, name, hits FROM tag ORDER BY id');
    expect(after.pg).toEqual(after.sqlite);
    expect(after.sqlite).toEqual([{ id: '1', name: 'bebop', hits: '1' }, { id: '2', name: 'punk rock', hits: '1' }]);
  });

  it('a second run replaces its own functions, and leaves alone a function it did not make', async () => {
    const again = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--if-exists', 'drop', '--json']);
    expect(again.code, again.stderr).toBe(0);
    await pg.client.query(`CREATE SCHEMA mine; CREATE FUNCTION mine.inc_ins_num() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'`);
    const run = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'mine', '--if-exists', 'drop', '--json']);
    expect(run.code, run.stderr).toBe(4);
    const summary = run.events.find((e) => e.type === 'summary') as { incomplete: { kind: string; name: string; reason: string }[] };
    expect(summary.incomplete.map((o) => `${o.kind} ${o.name}`)).toEqual(['trigger inc_ins_num']);
    expect(summary.incomplete[0]!.reason).toMatch(/already exists/);
    const { rows: fns } = await pg.client.query<{ body: string; mark: string | null }>(`SELECT prosrc AS body, obj_description(oid, 'pg_proc') AS mark FROM pg_proc WHERE proname = 'inc_ins_num' AND pronamespace = 'mine'::regnamespace`);
    expect(fns).toEqual([{ body: 'BEGIN RETURN NEW; END', mark: null }]);
  });
});
