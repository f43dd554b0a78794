import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCatdbError, migrateSqliteToPg } from '@catdb/core';
import { runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// A run exits 0 only when every object of the source was created. Here a view names a table
// that is left out (PostgreSQL refuses it) and a trigger has a shape catdb does not carry
// (RAISE(IGNORE)): the data still commits and verifies, the run exits 4 and names both.
const pg = useScratchDatabase('incomplete');
const files = scratchDir('catdb-incomplete-');
let source: string;

beforeAll(async () => {
  source = writeSqlite(files.path('app.db'), (db) =>
    db.exec(`
      CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      INSERT INTO item (name) VALUES ('a'), ('b'), ('c');
      CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT, due DATE);
      INSERT INTO note (body, due) VALUES ('kept', '2024-01-01'), ('a day that does not exist', '2024-02-30');
      CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
      CREATE VIEW audited AS SELECT item.name, audit.what FROM item JOIN audit ON audit.id = item.id;
      CREATE TRIGGER item_quiet BEFORE DELETE ON item BEGIN SELECT RAISE(IGNORE); END;
    `),
  );
});
afterAll(() => files.remove());

const count = async (sql: string): Promise<number> => Number((await pg.client.query<{ n: string }>(sql)).rows[0]!.n);

describe('a schema object that is not created', () => {
  it('exits 4 with the objects in the summary and the error event, after the data committed', async () => {
    const run = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'inc', '--exclude', 'audit', '--exclude', 'note', '--json']);
    expect(run.code, run.stderr).toBe(4);
    const summary = run.events.find((e) => e.type === 'summary') as { incomplete: { kind: string; name: string; reason: string; sql?: string }[] };
    expect(summary.incomplete.map((o) => `${o.kind} ${o.name}`).sort()).toEqual(['trigger item_quiet', 'view audited']);
    expect(summary.incomplete.find((o) => o.kind === 'view')!.reason).toMatch(/"audit" does not exist/);
    expect(summary.incomplete.find((o) => o.kind === 'view')!.sql).toContain('CREATE VIEW audited');
    expect(summary.incomplete.find((o) => o.kind === 'trigger')!.sql).toContain('RAISE(IGNORE)');
    const error = run.events.at(-1)!;
    expect(error).toMatchObject({ type: 'error', code: 'MIGRATION_INCOMPLETE_SCHEMA' });
    expect(await count('SELECT count(*) AS n FROM inc.item')).toBe(3);
    // Excluded tables are a choice, not a loss.
    expect(summary.incomplete.some((o) => o.name === 'audit' || o.name === 'note')).toBe(false);
    const verify = await runCli(['migrate', 'verify', source, '--to', pg.url, '--schema', 'inc', '--exclude', 'audit', '--exclude', 'note']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('exits 0 when accepted up front, and still lists them in the text summary', async () => {
    const run = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'inc_ok', '--exclude', 'audit', '--exclude', 'note', '--allow-incomplete-schema']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Not created \(2: /);
    expect(run.stdout).toMatch(/- view audited: view not created/);
    expect(run.stdout).toMatch(/- trigger item_quiet: /);
  });

  it('throws MIGRATION_INCOMPLETE_SCHEMA from the library unless allowed, with the list either way', async () => {
    const options = { source, target: pg.url, exclude: ['audit', 'note'], ifExists: 'drop' as const };
    const err = await migrateSqliteToPg({ ...options, schema: 'inc_lib' }).catch((e: unknown) => e);
    expect(isCatdbError(err, 'MIGRATION_INCOMPLETE_SCHEMA')).toBe(true);
    expect((err as { details: { incomplete: { name: string }[] } }).details.incomplete.map((o) => o.name).sort()).toEqual(['audited', 'item_quiet']);
    expect(await count('SELECT count(*) AS n FROM inc_lib.item')).toBe(3);
    const result = await migrateSqliteToPg({ ...options, schema: 'inc_lib', allowIncompleteSchema: true });
    expect(result.incomplete.map((o) => o.kind).sort()).toEqual(['trigger', 'view']);
  });

  it('counts the trigger alone once the view can be created', async () => {
    const run = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'inc_whole', '--exclude', 'note', '--json']);
    const summary = run.events.find((e) => e.type === 'summary') as { incomplete: { name: string }[] };
    // Only the trigger is left, and it alone makes the run incomplete.
    expect(summary.incomplete.map((o) => o.name)).toEqual(['item_quiet']);
    expect(run.code).toBe(4);
  });

  it('never reports a match next to rows left out without their count', async () => {
    const run = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'inc_rows', '--include', 'note', '--on-error', 'skip-row', '--allow-rejects', '--reject-dir', files.path('rejects')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Verified 1 table: row counts and checksums match, not counting the 1 row left out \(see .*note\.ndjson\)\./);
  });
});
