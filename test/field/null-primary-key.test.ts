import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// SQLite lets a PRIMARY KEY other than INTEGER PRIMARY KEY hold NULLs (a long-standing quirk
// it keeps for compatibility), and real catalogs rely on it: a composite (auth_name, code)
// key NULL in every row of a 22k-row table. PostgreSQL gets a UNIQUE constraint over those
// columns instead (NULLs distinct, as in SQLite), every row arrives, verification passes.
const pg = useScratchDatabase('nullpk');
const files = scratchDir('catdb-nullpk-');
const ROWS = 22_000;

const file = (): string =>
  writeSqlite(files.path('catalog.db'), (db) => {
    db.pragma('foreign_keys = OFF');
    db.exec(`
      CREATE TABLE alias_name (table_name TEXT NOT NULL, auth_name TEXT, code TEXT, alt_name TEXT NOT NULL, PRIMARY KEY (auth_name, code));
      WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS})
      INSERT INTO alias_name SELECT 'geodetic_crs', NULL, NULL, 'alias ' || x FROM c;
      CREATE TABLE crs (auth_name TEXT, code TEXT, name TEXT NOT NULL, PRIMARY KEY (auth_name, code));
      INSERT INTO crs VALUES ('EPSG', '4326', 'WGS 84'), ('EPSG', '3857', 'Pseudo-Mercator'), ('ESRI', '102100', 'Web Mercator'),
        ('EPSG', NULL, 'draft a'), ('EPSG', NULL, 'draft a'), (NULL, '1', 'no authority'), (NULL, '1', 'no authority'), (NULL, NULL, 'nothing');
      CREATE TABLE usage (id INTEGER PRIMARY KEY, auth_name TEXT, code TEXT, FOREIGN KEY (auth_name, code) REFERENCES crs);
      INSERT INTO usage VALUES (1, 'EPSG', '4326'), (2, 'ESRI', '102100'), (3, NULL, NULL), (4, 'EPSG', NULL);
    `);
  });

afterAll(() => files.remove());

describe('NULLs in a composite primary key', () => {
  let source: string;
  beforeAll(() => {
    source = file();
  });

  it('migrate every row under a UNIQUE constraint, with a warning, and verify passes', async () => {
    const run = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'nk', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = run.events.find((e) => e.type === 'summary')! as { rows: number; rejected: number; warnings: { object: string; message: string }[] };
    expect(summary).toMatchObject({ rows: ROWS + 8 + 4, rejected: 0 });
    expect(summary.warnings.filter((w) => w.object === 'alias_name').map((w) => w.message)).toEqual([
      `primary key (auth_name, code) holds NULLs (${ROWS} in auth_name, ${ROWS} in code), which SQLite allows outside INTEGER PRIMARY KEY: created as a UNIQUE constraint, whose NULLs are distinct as in SQLite; --strict-types stops instead`,
    ]);
    const { rows: constraints } = await pg.client.query<{ t: string; type: string; def: string }>(
      `SELECT conrelid::regclass::text AS t, contype AS type, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'nk'::regnamespace ORDER BY 1, 2`,
    );
    expect(constraints).toEqual([
      { t: 'nk.alias_name', type: 'u', def: 'UNIQUE (auth_name, code)' },
      { t: 'nk.crs', type: 'u', def: 'UNIQUE (auth_name, code)' },
      { t: 'nk.usage', type: 'f', def: 'FOREIGN KEY (auth_name, code) REFERENCES nk.crs(auth_name, code)' },
      { t: 'nk.usage', type: 'p', def: 'PRIMARY KEY (id)' },
    ]);
    const verify = await runCli(['migrate', 'verify', source, '--to', pg.url, '--schema', 'nk']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('keeps SQLite semantics: NULLs distinct, other duplicates refused', async () => {
    const dupNull = await pg.client.query(`INSERT INTO nk.crs VALUES (NULL, NULL, 'again') RETURNING 1`);
    expect(dupNull.rowCount).toBe(1);
    await expect(pg.client.query(`INSERT INTO nk.crs VALUES ('EPSG', '4326', 'again')`)).rejects.toThrow(/duplicate key value violates unique constraint/);
    await pg.client.query(`DELETE FROM nk.crs WHERE name = 'again'`);
  });

  it('a changed row is still found by verify (exit 3), without a key to name it by', async () => {
    await pg.client.query(`UPDATE nk.alias_name SET alt_name = 'changed' WHERE alt_name = 'alias 42'`);
    const out = await runCli(['migrate', 'verify', source, '--to', pg.url, '--schema', 'nk', '--json']);
    expect(out.code).toBe(3);
    const summary = out.events.find((e) => e.type === 'verify-summary') as { tables: { table: string; ok: boolean; differences?: unknown[] }[] };
    expect(summary.tables.filter((t) => !t.ok).map((t) => [t.table, t.differences ?? []])).toEqual([['alias_name', []]]);
    await pg.client.query(`UPDATE nk.alias_name SET alt_name = 'alias 42' WHERE alt_name = 'changed'`);
  });

  it('--strict-types stops before any change', async () => {
    const run = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'nk_strict', '--strict-types', '--json']);
    expect(run.code).toBe(1);
    const err = run.events.find((e) => e.type === 'error')!;
    expect(err.code).toBe('MAP_MIXED_TYPES');
    expect(String(err.message)).toContain(`alias_name.auth_name: ${ROWS} NULL value(s) in a primary key column`);
    expect((await pg.client.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'nk_strict'`)).rowCount).toBe(0);
  });
});
