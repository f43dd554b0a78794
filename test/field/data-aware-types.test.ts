import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { parseCastRule } from '@catdb/core';
import { type CliResult, runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';
import { shellWords } from '../support/shell-words.js';

// Files shaped like the ones real software ships: GeoPackage/SpatiaLite geometry columns
// declared POINT, MULTIPOLYGON, GEOMETRY, NUM (INTEGER or NUMERIC affinity, BLOBs only),
// made-up type names over mixed storage classes. By default they migrate losslessly, each
// decision reported with the --cast that pins it; --strict-types stops with hints that paste.
const pg = useScratchDatabase('field');
const files = scratchDir('catdb-field-');
let n = 0;
const schema = (): string => `field${++n}`;

const geometry = (i: number): Buffer => Buffer.concat([Buffer.from('GP\x00\x01', 'latin1'), Buffer.from([i & 0xff, 0x00, 0x5c, 0x0a, 0x09, 0xff, 0x22, 0x27])]);

const GEO = `
  CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL, definition TEXT NOT NULL);
  CREATE TABLE "nc.gpkg" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON, AREA REAL, NAME TEXT);
  CREATE TABLE points (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, label TEXT);
  CREATE TABLE shapes (id INTEGER PRIMARY KEY, shape GEOMETRY, bbox NUM);
  CREATE TABLE mixed (id INTEGER PRIMARY KEY, v INTEGER_OR_TEXT, n NUMERIC, f INT, big INT, flag BOOLEAN);
  CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
  CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id));
`;
const MIXED: unknown[][] = [
  [1, 1, 10, 1, 1n, 0],
  [2, 'abc', 2.5, 1.5, 2n ** 62n, 1],
  [3, '', 'photo.jpg', -0.25, 0.5, 2],
  [4, ' 12 ', 'IMG 001.png', 7, -(2n ** 62n) - 3n, null],
  [5, 'tab\there€', 0.1, null, null, 1],
  [6, -(2n ** 63n), 1e300, 2 ** 53, 3n, 0],
  [7, null, null, 1e-300, 4, 1],
];

function geoFile(name: string): string {
  return writeSqlite(files.path(name), (db) => {
    // SQLite leaves foreign keys unenforced unless asked; better-sqlite3 asks.
    db.pragma('foreign_keys = OFF');
    db.exec(GEO);
    db.prepare("INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 'GEOGCS[...]')").run();
    const nc = db.prepare('INSERT INTO "nc.gpkg" (geom, AREA, NAME) VALUES (?, ?, ?)');
    const pt = db.prepare('INSERT INTO points (geom, label) VALUES (?, ?)');
    const sh = db.prepare('INSERT INTO shapes VALUES (?, ?, ?)');
    for (let i = 1; i <= 40; i++) {
      nc.run(geometry(i), i / 8, `county ${i}`);
      pt.run(i % 7 === 0 ? null : geometry(i + 100), `p${i}`);
      sh.run(i, geometry(i + 200), i % 3 === 0 ? null : geometry(i + 300));
    }
    const mixed = db.prepare('INSERT INTO mixed VALUES (?, ?, ?, ?, ?, ?)');
    db.defaultSafeIntegers(true);
    for (const row of MIXED) mixed.run(...row);
    db.exec("INSERT INTO parent VALUES (1, 'one'); INSERT INTO child VALUES (1, 1), (2, 'none'), (3, NULL)");
  });
}

/** The summary's warnings for one column (source names). */
const warningsFor = (r: CliResult, object: string): string[] =>
  ((r.events.find((e) => e.type === 'summary')?.warnings ?? []) as { object: string; message: string }[]).filter((w) => w.object === object).map((w) => w.message);

const columnTypes = async (s: string): Promise<Record<string, string>> => {
  const { rows } = await pg.client.query<{ t: string; c: string; type: string }>(
    `SELECT table_name AS t, column_name AS c, format_type(a.atttypid, a.atttypmod) AS type FROM information_schema.columns i
       JOIN pg_attribute a ON a.attrelid = format('%I.%I', table_schema, table_name)::regclass AND a.attname = i.column_name WHERE table_schema = $1`,
    [s],
  );
  return Object.fromEntries(rows.map((r) => [`${r.t}.${r.c}`, r.type]));
};

afterAll(() => files.remove());

describe('geometry BLOBs and mixed storage classes, default options', () => {
  const s = schema();
  let file: string;
  let run: CliResult;
  beforeAll(async () => {
    file = geoFile('geo.gpkg');
    run = await runCli(['migrate', 'sqlite-to-pg', file, '--to', pg.url, '--schema', s, '--json']);
  });

  it('loads every row, and `migrate verify` agrees; the one foreign key text cannot carry is named (exit 4)', async () => {
    // child.parent_id holds text, so no foreign key can compare it with the serial parent.id.
    expect(run.code, run.stderr).toBe(4);
    const summary = run.events.find((e) => e.type === 'summary')!;
    expect((summary.incomplete as { kind: string; name: string }[]).map((o) => `${o.kind} ${o.name}`)).toEqual(['constraint child']);
    expect(summary.rows).toBe(1 + 40 * 3 + MIXED.length + 1 + 3);
    expect(summary.rejected).toBe(0);
    const verify = await runCli(['migrate', 'verify', file, '--to', pg.url, '--schema', s]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('chooses the narrowest type that carries every value', async () => {
    expect(await columnTypes(s)).toMatchObject({
      'nc.gpkg.geom': 'bytea',
      'points.geom': 'bytea',
      'shapes.shape': 'bytea',
      'shapes.bbox': 'bytea',
      'mixed.v': 'text',
      'mixed.n': 'text',
      'mixed.f': 'double precision',
      'mixed.big': 'numeric',
      'mixed.flag': 'smallint',
      'nc.gpkg.area': 'double precision',
      'child.parent_id': 'text',
    });
  });

  it('reports each decision with the --cast that pins it, and that --cast pastes', () => {
    const [geom] = warningsFor(run, 'nc.gpkg.geom');
    expect(geom).toContain('declared MULTIPOLYGON (→ numeric) but holds 40 BLOB values in a numeric column: migrated as bytea');
    expect(geom).toContain(`--cast 'column "nc.gpkg".geom to bytea' pins this`);
    const words = shellWords(/(--cast '(?:[^']|'\\'')*')/.exec(geom!)![1]!);
    expect(words[0]).toBe('--cast');
    expect(parseCastRule(words[1]!)).toMatchObject({ match: { kind: 'column', table: 'nc.gpkg', column: 'geom' }, to: 'bytea' });
    const Db = loadBetterSqlite3();
    const db = new Db(file, { readonly: true });
    const texts = (c: string): number => (db.prepare(`SELECT count(*) AS n FROM mixed WHERE typeof(${c}) = 'text'`).get() as { n: number }).n;
    const [v, num] = [texts('v'), texts('n')];
    db.close();
    expect(warningsFor(run, 'mixed.v')[0]).toContain(`declared INTEGER_OR_TEXT (→ bigint) but holds ${v} text values in an integer column: migrated as text`);
    expect(warningsFor(run, 'mixed.n')[0]).toContain(`${num} non-numeric text values in a numeric column: migrated as text`);
    expect(warningsFor(run, 'child')).toEqual([expect.stringMatching(/^foreign key child\(parent_id\) → parent left out: child\.parent_id is text and parent\.id is serial \(the data chose text/)]);
    const all = (run.events.find((e) => e.type === 'summary')!.warnings as { message: string }[]).filter((w) => w.message.includes('which carries every value'));
    expect(run.events.find((e) => e.type === 'planned')).toMatchObject({ decisions: all.length });
  });

  it('carries every value exactly', async () => {
    const Db = loadBetterSqlite3();
    const db = new Db(file, { readonly: true });
    try {
      for (const [table, column] of [['nc.gpkg', 'geom'], ['points', 'geom'], ['shapes', 'shape'], ['shapes', 'bbox']] as const) {
        const src = db.prepare(`SELECT rowid AS k, lower(hex("${column}")) AS h FROM "${table}" WHERE "${column}" IS NOT NULL ORDER BY 1`).all() as { k: number; h: string }[];
        const key = table === 'shapes' ? 'id' : 'fid';
        const { rows } = await pg.client.query<{ k: number; h: string }>(`SELECT ${key} AS k, encode(${column}, 'hex') AS h FROM ${s}."${table}" WHERE ${column} IS NOT NULL ORDER BY 1`);
        expect(rows, `${table}.${column}`).toEqual(src);
      }
      const src = db.prepare('SELECT id, CAST(v AS TEXT) AS v, CAST(n AS TEXT) AS n, f, big, flag FROM mixed ORDER BY id').safeIntegers(true).all() as Record<string, unknown>[];
      const { rows } = await pg.client.query<Record<string, string | null>>(`SELECT id::text, v, n, f::text, big::text, flag::text FROM ${s}.mixed ORDER BY id`);
      expect(rows.map((r) => [r.v, r.n])).toEqual(src.map((r) => [r.v, r.n]));
      rows.forEach((r, i) => {
        const want = src[i]!;
        expect(r.f === null ? null : Number(r.f), `f of ${r.id}`).toBe(want.f === null ? null : Number(want.f));
        if (typeof want.big === 'bigint') expect(r.big).toBe(want.big.toString());
        else expect(r.big === null ? null : Number(r.big), `big of ${r.id}`).toBe(want.big);
        expect(r.flag).toBe(want.flag === null ? null : String(want.flag));
      });
    } finally {
      db.close();
    }
  });

  it('--dry-run --json shows the same decisions in the plan', async () => {
    const dry = await runCli(['migrate', 'sqlite-to-pg', file, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const plan = dry.events.find((e) => e.type === 'plan')!.plan as { decisions: { table: string; column: string; pgType: string; cast: string }[] };
    expect(plan.decisions.map((d) => [`${d.table}.${d.column}`, d.pgType])).toEqual(
      expect.arrayContaining([['nc.gpkg.geom', 'bytea'], ['points.geom', 'bytea'], ['shapes.bbox', 'bytea'], ['mixed.f', 'double precision'], ['mixed.big', 'numeric'], ['mixed.flag', 'smallint']]),
    );
    expect(plan.decisions.find((d) => d.column === 'shape')!.cast).toBe("--cast 'column shapes.shape to bytea'");
  });
});

describe('--strict-types', () => {
  it('stops with MAP_MIXED_TYPES before any change, and the hints it prints paste', async () => {
    const file = geoFile('strict.gpkg');
    const s = schema();
    const run = await runCli(['migrate', 'sqlite-to-pg', file, '--to', pg.url, '--schema', s, '--strict-types', '--json']);
    expect(run.code).toBe(1);
    const err = run.events.find((e) => e.type === 'error')! as { code: string; message: string; details: { problems: { table: string; column: string; fix: string }[] } };
    expect(err.code).toBe('MAP_MIXED_TYPES');
    expect(err.message).toContain(`nc.gpkg.geom: 40 BLOB values in a numeric column — fix: --cast 'column "nc.gpkg".geom to bytea'`);
    expect((await pg.client.query('SELECT 1 FROM pg_tables WHERE schemaname = $1', [s])).rowCount).toBe(0);
    // Paste every printed fix into a shell: the words it makes fix every column, strict as before.
    const words = shellWords(err.details.problems.map((p) => p.fix).join(' '));
    expect(words.filter((w) => w === '--cast')).toHaveLength(err.details.problems.length);
    const fixed = await runCli(['migrate', 'sqlite-to-pg', file, '--to', pg.url, '--schema', s, '--strict-types', '--json', ...words]);
    expect(fixed.code, fixed.stderr).toBe(4);
    expect(fixed.events.find((e) => e.type === 'summary')!.rejected).toBe(0);
    expect(fixed.events.at(-1)).toMatchObject({ type: 'error', code: 'MIGRATION_INCOMPLETE_SCHEMA' });
  });

  it('a --cast the shell mangled is a usage error: exit 2', async () => {
    const bad = await runCli(['migrate', 'sqlite-to-pg', geoFile('bad.gpkg'), '--to', pg.url, '--cast', 'column nc.gpkg.geom to bytea']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('MAP_BAD_CAST_RULE');
  });
});

describe('a table too big for a full profile before the load', () => {
  it('is measured when its first BLOB is rejected, decided the same way, and loaded again', async () => {
    const rows = 120_000;
    const file = writeSqlite(files.path('big.gpkg'), (db) => {
      db.exec(`CREATE TABLE features (fid INTEGER PRIMARY KEY, geom POINT, code INT, name TEXT);
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${rows})
        INSERT INTO features SELECT x, CASE WHEN x % 5000 = 0 THEN randomblob(24) END, CASE WHEN x = ${rows - 7} THEN 'n/a' ELSE x END, 'f' || x FROM c;`);
    });
    const s = schema();
    const run = await runCli(['migrate', 'sqlite-to-pg', file, '--to', pg.url, '--schema', s, '--jobs', '2', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.events.find((e) => e.type === 'summary')).toMatchObject({ rows, rejected: 0 });
    // Counted at the load, not in the plan: the lean profile did not count storage classes.
    expect(run.events.find((e) => e.type === 'planned')).toMatchObject({ decisions: 0 });
    expect(run.events.filter((e) => e.type === 'warning').map((e) => (e.warning as { object: string }).object).sort()).toEqual(['features.code', 'features.geom']);
    expect(await columnTypes(s)).toMatchObject({ 'features.geom': 'bytea', 'features.code': 'text' });
    const { rows: counted } = await pg.client.query<{ blobs: string; na: string }>(`SELECT count(geom)::text AS blobs, count(*) FILTER (WHERE code = 'n/a')::text AS na FROM ${s}.features`);
    expect(counted[0]).toEqual({ blobs: String(rows / 5000), na: '1' });
    const verify = await runCli(['migrate', 'verify', file, '--to', pg.url, '--schema', s]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    // The load decided them, as load-decision events; the dry run profiles as the run does, so
    // it shows the plan the run started from, without them.
    const decided = run.events.filter((e) => e.type === 'load-decision').map((e) => (e.decision as { column: string; pgType: string }));
    expect(decided.map((d) => [d.column, d.pgType]).sort()).toEqual([['code', 'text'], ['geom', 'bytea']]);
    const dry = await runCli(['migrate', 'sqlite-to-pg', file, '--dry-run', '--json']);
    const plan = dry.events.find((e) => e.type === 'plan')!.plan as { decisions: unknown[] };
    expect(plan.decisions).toEqual([]);
  });
});
