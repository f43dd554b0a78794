import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSqliteToPg, type MigrateResult, type MigrateOptions, planSqliteMigration, type MigrationEvent } from '@catdb/core';
import { LEAN_PROFILE_ROWS } from '../support/core-internals.js';
import { scratchDatabaseFactory } from '../support/scratch-database.js';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';

const Database = loadBetterSqlite3();

// Big tables are planned with SQLite's declared varchar(n) lengths taken on trust (SQLite does
// not enforce them); a longer value met by the load must widen the column, not lose the row.
const dir = mkdtempSync(join(tmpdir(), 'catdb-lengths-'));
const file = join(dir, 'lengths.sqlite');
const rows = LEAN_PROFILE_ROWS + 500;
const longRow = rows - 17;
const longValue = 'application/x-much-too-long';
const freshDatabase = scratchDatabaseFactory();

beforeAll(() => {
  const db = new Database(file);
  db.exec('CREATE TABLE files (id INTEGER PRIMARY KEY, mime VARCHAR(10), ext VARCHAR(4) NOT NULL)');
  const ins = db.prepare('INSERT INTO files VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= rows; i++) ins.run(i, i === longRow ? longValue : i % 9 === 0 ? null : 'video/mp4', 'mp4');
  })();
  db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function migrate(options: Partial<MigrateOptions>): Promise<{ result: MigrateResult; types: Record<string, string>; long: string | null }> {
  const db = await freshDatabase('lengths');
  const result = await migrateSqliteToPg({ source: file, target: db.url, ...options });
  const c = await db.connect();
  try {
    const cols = await c.query<{ column_name: string; type: string }>(
      `SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a WHERE a.attrelid = 'public.files'::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    );
    const long = await c.query<{ mime: string | null }>('SELECT mime FROM public.files WHERE id = $1', [longRow]);
    return { result, types: Object.fromEntries(cols.rows.map((r) => [r.column_name, r.type])), long: long.rows[0]?.mime ?? null };
  } finally {
    await c.end();
  }
}

describe('declared varchar(n) lengths on a big table', () => {
  it.each([
    ['the SQLite-rendered load', {}],
    ['the value-by-value load', { fastPath: false }],
  ])('%s widens the column that holds a longer value to text, keeps the others, and verifies', async (_name, options) => {
    const { result, types, long } = await migrate(options);
    expect(types).toMatchObject({ mime: 'text', ext: 'character varying(4)' });
    expect(long).toBe(longValue);
    expect(result.rows).toBe(rows);
    expect(result.verification?.ok).toBe(true);
    expect(result.warnings.filter((w) => w.object === 'files.mime').map((w) => w.message)).toEqual(['holds values longer than its declared varchar(10): migrated as text']);
  });

  it('the plan a dry run shows is the plan the run starts from; the widening is a recorded load decision', async () => {
    const target = await freshDatabase('lengths');
    const dry = await migrateSqliteToPg({ source: file, target: target.url, dryRun: true });
    const events: MigrationEvent[] = [];
    const { result } = await migrate({ onEvent: (e) => events.push(e) });
    expect(result.plan).toEqual(dry.plan);
    expect(planSqliteMigration({ source: file })).toEqual(dry.plan);
    // The plan stays as made (and frozen): varchar(10), as the dry run showed it.
    const mime = result.plan.tables[0]!.columns.find((c) => c.source === 'mime')!;
    expect(mime).toMatchObject({ pgType: 'varchar(10)', maxLength: 10 });
    expect(Object.isFrozen(mime)).toBe(true);
    const decision = { kind: 'column', table: 'files', column: 'mime', declaredAs: 'varchar(10)', pgType: 'text' };
    expect(result.loadDecisions).toEqual([expect.objectContaining(decision)]);
    expect(events.filter((e) => e.type === 'load-decision')).toEqual([{ type: 'load-decision', decision: expect.objectContaining(decision) }]);
  });

  it('--on-error skip-row measures the lengths first, so no row is rejected for its length', async () => {
    const { result, types, long } = await migrate({ onError: 'skip-row' });
    expect(types).toMatchObject({ mime: 'text', ext: 'character varying(4)' });
    expect(long).toBe(longValue);
    expect(result.rejected).toBe(0);
  });
});
