import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// Virtual tables by module: FTS and R*Tree tables that keep rows of their own arrive as
// ordinary tables; an FTS index over another table and a GeoPackage spatial index (with its
// upkeep triggers) are derived and left out without loss; the run exits 0 and verifies.
const pg = useScratchDatabase('vtab');
const files = scratchDir('catdb-vtab-');
let source: string;

beforeAll(async () => {
  source = writeSqlite(files.path('app.db'), (db) =>
    db.exec(`
      CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT);
      INSERT INTO docs (body) VALUES ('alpha beta'), ('gamma');
      CREATE VIRTUAL TABLE docs_fts USING fts5(body, content='docs', content_rowid='id');
      INSERT INTO docs_fts (rowid, body) SELECT id, body FROM docs;
      CREATE VIRTUAL TABLE notes USING fts5(title, body);
      INSERT INTO notes VALUES ('one', 'the first note'), ('two', 'ünïcödé ✓');
      CREATE VIRTUAL TABLE old_notes USING fts4(title, body);
      INSERT INTO old_notes VALUES ('x', 'y');
      CREATE VIRTUAL TABLE boxes USING rtree(id, x0, x1, y0, y1);
      INSERT INTO boxes VALUES (1, 0, 1, 0, 1), (2, -5.5, 5.5, 2, 3);
      CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB);
      INSERT INTO parcels (geom) VALUES (x'47500001'), (NULL);
      CREATE VIRTUAL TABLE rtree_parcels_geom USING rtree(id, minx, maxx, miny, maxy);
      INSERT INTO rtree_parcels_geom VALUES (1, 0, 1, 0, 1);
      CREATE TRIGGER rtree_parcels_geom_delete AFTER DELETE ON parcels WHEN old.geom NOT NULL BEGIN DELETE FROM rtree_parcels_geom WHERE id = OLD.fid; END;
    `),
  );
});
afterAll(() => files.remove());

describe('virtual tables by module', () => {
  it('carries the rows of FTS and R*Tree tables, leaves derived ones out without loss, exit 0', async () => {
    const run = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = run.events.find((e) => e.type === 'summary') as { incomplete: unknown[]; skipped: { name: string; reason: string }[]; warnings: { object: string; message: string }[] };
    expect(summary.incomplete).toEqual([]);
    const reasons = Object.fromEntries(summary.skipped.map((s) => [s.name, s.reason]));
    expect(reasons.docs_fts).toMatch(/^full-text \(FTS5\) table over table docs, whose rows arrive with that table/);
    expect(reasons.rtree_parcels_geom).toMatch(/^R\*Tree indexing parcels\.geom: derived/);
    expect(reasons.rtree_parcels_geom_delete).toMatch(/^upkeep trigger of the R\*Tree rtree_parcels_geom/);
    expect(reasons.boxes_node).toBe('shadow table of the R*Tree boxes, kept by SQLite for it');
    expect(reasons.notes_content).toBe('shadow table of the full-text (FTS5) table notes, kept by SQLite for it');
    expect(summary.warnings.filter((w) => /ordinary table/.test(w.message)).map((w) => w.object).sort()).toEqual(['boxes', 'notes', 'old_notes']);

    expect((await pg.client.query('SELECT title, body FROM notes ORDER BY title')).rows).toEqual([
      { title: 'one', body: 'the first note' },
      { title: 'two', body: 'ünïcödé ✓' },
    ]);
    expect((await pg.client.query('SELECT id::int AS id, x0, x1 FROM boxes ORDER BY id')).rows).toEqual([
      { id: 1, x0: 0, x1: 1 },
      { id: 2, x0: -5.5, x1: 5.5 },
    ]);
    const relations = (await pg.client.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`)).rows.map((r) => r.relname);
    expect(relations).toEqual(['boxes', 'docs', 'notes', 'old_notes', 'parcels']);
    const verify = await runCli(['migrate', 'verify', source, '--to', pg.url]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});
