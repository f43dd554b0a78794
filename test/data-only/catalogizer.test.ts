import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogizerDb } from '../../fixtures/catalogizer/generate-catalogizer.js';
import type { GeneratedSummary } from '../../fixtures/catalogizer/generated-summary.js';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { migrateSqliteToPg, type DataOnlyReport, verifyMigration } from '@catdb/core';
import { catalogizerTarget, tableCounts } from '../support/catalogizer-target.js';
import { type PgClient, quoteIdent } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { scratchDatabaseFactory, withConnection as withClient, type ScratchDatabase } from '../support/scratch-database.js';

const MEDIA_ITEMS = 2000;
let dir: string;
let clean: GeneratedSummary;
let broken: GeneratedSummary;
let orphaned: GeneratedSummary;
const freshDatabase = scratchDatabaseFactory();
const target = (prefix: string): Promise<ScratchDatabase> => catalogizerTarget(prefix, freshDatabase);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-dataonly-'));
  clean = generateCatalogizerDb({ path: join(dir, 'clean.sqlite'), mediaItems: MEDIA_ITEMS, seed: 11 });
  broken = generateCatalogizerDb({ path: join(dir, 'broken.sqlite'), mediaItems: 300, seed: 12, orphans: 4, badValues: 8 });
  orphaned = generateCatalogizerDb({ path: join(dir, 'orphaned.sqlite'), mediaItems: 300, seed: 13, orphans: 6 });
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The app's next INSERT into every table with a SERIAL/BIGSERIAL id: a copy of its newest
 * row with the id left to the sequence, in a transaction that is rolled back. Unique
 * constraints other than the primary key are dropped inside that transaction, so only the
 * id can collide.
 */
async function nextInsertIds(c: PgClient): Promise<Record<string, { id: string; max: string }>> {
  const { rows: seqs } = await c.query<{ table: string; column: string }>(
    `SELECT t.relname AS table, a.attname AS column FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE d.deptype IN ('a', 'i') AND t.relnamespace = 'public'::regnamespace ORDER BY 1`,
  );
  const out: Record<string, { id: string; max: string }> = {};
  await c.query('BEGIN');
  try {
    const { rows: uniques } = await c.query<{ sql: string }>(
      `SELECT CASE WHEN con.oid IS NOT NULL THEN format('ALTER TABLE %s DROP CONSTRAINT %I', i.indrelid::regclass, con.conname)
                   ELSE format('DROP INDEX %s', i.indexrelid::regclass) END AS sql
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype = 'u'
        WHERE i.indisunique AND NOT i.indisprimary AND t.relnamespace = 'public'::regnamespace`,
    );
    for (const u of uniques) await c.query(u.sql);
    for (const { table, column } of seqs) {
      const { rows: cols } = await c.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attname <> $2 ORDER BY attnum`,
        [`public.${quoteIdent(table)}`, column],
      );
      const list = cols.map((x) => quoteIdent(x.name)).join(', ');
      const max = (await c.query<{ m: string }>(`SELECT max(${quoteIdent(column)})::text AS m FROM ${quoteIdent(table)}`)).rows[0]!.m;
      const res = await c.query<{ id: string }>(
        `INSERT INTO ${quoteIdent(table)} (${list}) SELECT ${list} FROM ${quoteIdent(table)} ORDER BY ${quoteIdent(column)} DESC LIMIT 1 RETURNING ${quoteIdent(column)}::text AS id`,
      );
      out[table] = { id: res.rows[0]!.id, max };
    }
  } finally {
    await c.query('ROLLBACK');
  }
  return out;
}

describe('data-only load of a generated Catalogizer database into its own PostgreSQL schema', () => {
  it('loads every table in one verified transaction; the next INSERT into every SERIAL table succeeds', async () => {
    const db = await target('do_cat');
    const result = await migrateSqliteToPg({ source: clean.path, target: db.url, dataOnly: true, existingRows: 'truncate' });
    const expectedRows = Object.values(clean.rowCounts).reduce((a, b) => a + b, 0);
    expect(result.rows).toBe(expectedRows);
    expect(result.tables).toHaveLength(53);
    expect(result.verification?.ok).toBe(true);
    expect(result.verification?.tables.every((t) => t.ok && t.targetRows === clean.rowCounts[t.table])).toBe(true);
    // An independent check after COMMIT, reading column types from the target.
    const again = await verifyMigration({ source: clean.path, target: db.url });
    expect(again.tables.filter((t) => !t.ok)).toEqual([]);
    expect(again.tables).toHaveLength(53);

    const report = result.report;
    expect(report.issues).toEqual([]);
    const conversions = Object.fromEntries(report.conversions.map((c) => [`${c.from} → ${c.to}`, c.columns.length]));
    expect(conversions).toMatchObject({ 'INTEGER → boolean': 15, 'BOOLEAN → boolean': 12, 'DATETIME → timestamp without time zone': 101, 'TEXT → jsonb': 4, 'REAL → double precision': 4 });
    expect(report.rounded.map((r) => `${r.table}.${r.column}`)).toEqual(expect.arrayContaining(['external_metadata.rating', 'subtitle_cache.match_score']));

    await withClient(db, async (c) => {
      // Values that needed care came through exactly.
      const sizes = await c.query<{ size: string }>('SELECT size::text AS size FROM files WHERE files.size > 9007199254740992 ORDER BY files.size');
      expect(sizes.rows.map((r) => r.size)).toEqual(['9007199254740993', '4611686018427400249', '9223372036854775807']);
      const sqlite = new (loadBetterSqlite3())(clean.path, { readonly: true });
      try {
        const goTimes = sqlite.prepare("SELECT id, modified_at FROM files WHERE modified_at LIKE '%+__:__' OR modified_at LIKE '%-__:__' ORDER BY id LIMIT 40").raw().all() as [number, string][];
        expect(goTimes.length).toBeGreaterThan(5);
        for (const [id, text] of goTimes) {
          const { rows } = await c.query<{ ok: boolean }>("SELECT modified_at = ($1::timestamptz AT TIME ZONE 'UTC') AS ok FROM files WHERE id = $2", [text, id]);
          expect(rows[0]?.ok, `files ${id} ${text}`).toBe(true);
        }
      } finally {
        sqlite.close();
      }
      // Every sequence is past max(id) and sqlite_sequence: the app's next INSERT gets a fresh id.
      const next = await nextInsertIds(c);
      expect(Object.keys(next)).toHaveLength(47);
      for (const [table, { id, max }] of Object.entries(next)) {
        const floor = BigInt(clean.sequences[table] ?? 0) > BigInt(max) ? BigInt(clean.sequences[table]!) : BigInt(max);
        expect(BigInt(id), table).toBe(floor + 1n);
      }
    });
  });

  it('runs again through the CLI with --existing-rows truncate and ends in the same state', async () => {
    const db = await target('do_cli');
    const first = await runCli(['migrate', 'sqlite-to-pg', clean.path, '--to', db.url, '--data-only', '--existing-rows', 'truncate', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const before = await withClient(db, tableCounts);
    const second = await runCli(['migrate', 'sqlite-to-pg', clean.path, '--to', db.url, '--data-only', '--existing-rows', 'truncate', '--json']);
    expect(second.code, second.stderr).toBe(0);
    const summary = second.events.find((e) => e.type === 'summary')!;
    expect(summary).toMatchObject({ dataOnly: true, rows: Object.values(clean.rowCounts).reduce((a, b) => a + b, 0), verified: 53, rejected: 0 });
    expect(await withClient(db, tableCounts)).toEqual(before);
    // Without --existing-rows the tables now holding rows stop the load before any change.
    const refused = await runCli(['migrate', 'sqlite-to-pg', clean.path, '--to', db.url, '--data-only', '--json']);
    expect(refused.code).toBe(1);
    expect(refused.events.find((e) => e.type === 'error')).toMatchObject({ code: 'PLAN_DATA_ONLY_BLOCKED' });
  });

  it('keeps the seed rows the app inserted with --existing-rows skip and adds the rest', async () => {
    const db = await target('do_seed');
    await withClient(db, async (c) => {
      // What Catalogizer's PostgreSQL migrations insert (created_at is their own now()).
      await c.query("INSERT INTO roles (name, description, permissions, is_system) VALUES ('Admin', 'Administrator', '[\"*\"]', TRUE), ('User', 'Standard user', '[]', TRUE)");
      await c.query(`INSERT INTO media_types (name, description) SELECT unnest($1::text[]), 'seed'`, [['movie', 'tv_show', 'tv_season', 'tv_episode', 'music_artist', 'music_album', 'song', 'game', 'software', 'book', 'comic']]);
      await c.query("INSERT INTO migrations (version, name) SELECT g, 'v' || g FROM generate_series(1, 20) g");
    });
    const result = await migrateSqliteToPg({ source: clean.path, target: db.url, dataOnly: true, existingRows: 'skip' });
    expect(result.verification?.ok).toBe(true);
    const merged = Object.fromEntries(result.tables.filter((t) => t.how === 'merge').map((t) => [t.table, [t.inserted, t.kept]]));
    expect(merged).toEqual({ roles: [0, 2], media_types: [0, 11], migrations: [0, 20] });
    expect(result.tables.filter((t) => t.kept > 0).every((t) => t.keptDifferent === t.kept)).toBe(true);
    await withClient(db, async (c) => {
      expect((await c.query("SELECT description FROM media_types WHERE id = 1")).rows[0]).toEqual({ description: 'seed' });
      const counts = await tableCounts(c);
      for (const [table, n] of Object.entries(clean.rowCounts)) expect(counts[table], table).toBe(n);
      const next = await nextInsertIds(c);
      expect(Object.keys(next)).toHaveLength(47);
    });
  });

  it('stops with one report naming every orphan and every bad value, and writes nothing', async () => {
    const db = await target('do_bad');
    const res = await runCli(['migrate', 'sqlite-to-pg', broken.path, '--to', db.url, '--data-only', '--existing-rows', 'truncate', '--json']);
    expect(res.code).toBe(1);
    const report = (res.events.find((e) => e.type === 'data-only-report') as { report: DataOnlyReport }).report;
    expect(res.events.find((e) => e.type === 'error')).toMatchObject({ code: 'PLAN_DATA_ONLY_BLOCKED' });
    expect(report.badValues.map((b) => `${b.table}.${b.column}#${b.row}`).sort()).toEqual(broken.badValues.map((b) => `${b.table}.${b.column}#${b.rowid}`).sort());
    expect(report.orphanRows.map((o) => `${o.table}.${o.columns.join()}#${o.row}`).sort()).toEqual(broken.orphans.map((o) => `${o.table}.${o.column}#${o.rowid}`).sort());
    expect(report.issues.filter((i) => i.kind === 'bad-value')).toHaveLength(8);
    expect(report.issues.filter((i) => i.kind === 'orphan')).toHaveLength(4);
    expect(report.issues.find((i) => i.kind === 'bad-value' && i.table === 'users')?.message).toMatch(/users\.is_active rowid \d+: "yes-ish" cannot become boolean/);
    const counts = await withClient(db, tableCounts);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    // The library gives the same report in the error's details.
    const err = await migrateSqliteToPg({ source: broken.path, target: db.url, dataOnly: true, existingRows: 'truncate' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PLAN_DATA_ONLY_BLOCKED' });
    expect((err as { details: { report: DataOnlyReport } }).details.report.badValueCount).toBe(8);
  });

  it('leaves orphans out with --orphans skip, writes them to reject files, and loads the rest', async () => {
    const db = await target('do_orph');
    const rejectDir = join(dir, 'rejects');
    const res = await runCli(['migrate', 'sqlite-to-pg', orphaned.path, '--to', db.url, '--data-only', '--existing-rows', 'truncate', '--orphans', 'skip', '--reject-dir', rejectDir, '--json']);
    expect(res.code, res.stderr).toBe(1); // rows were left out; --allow-rejects would make it 0
    const summary = res.events.find((e) => e.type === 'summary') as { rejected: number; verified: number };
    expect(summary.verified).toBe(53);
    const rejected = readdirSync(rejectDir).filter((f) => f.endsWith('.ndjson')).flatMap((f) => readFileSync(join(rejectDir, f), 'utf8').trim().split('\n').map((l) => ({ table: f.replace(/\.ndjson$/, ''), ...(JSON.parse(l) as { rowid: number; reason: string }) })));
    // Each injected orphan is left out, and so is anything hanging under it.
    for (const o of orphaned.orphans) expect(rejected.some((r) => r.table === o.table && r.rowid === o.rowid), `${o.table} ${o.rowid}`).toBe(true);
    expect(summary.rejected).toBe(rejected.length);
    await withClient(db, async (c) => {
      for (const o of orphaned.orphans) {
        expect((await c.query(`SELECT 1 FROM ${quoteIdent(o.table)} WHERE id = $1`, [o.rowid])).rowCount, `${o.table} ${o.rowid}`).toBe(0);
      }
      const counts = await tableCounts(c);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      expect(total).toBe(Object.values(orphaned.rowCounts).reduce((a, b) => a + b, 0) - rejected.length);
    });
  });
});
