import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { scratchDatabaseFactory } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// An object whose SQL is not translated is left out, the run goes on, and the CLI says so:
// in the summary, in --json, and in the --dry-run script.
const dirs = scratchDir('catdb-untranslated-');
const freshDatabase = scratchDatabaseFactory();
afterAll(() => dirs.remove());

const file = writeSqlite(dirs.path('app.db'), (d) => {
  d.exec(`CREATE TABLE doc (id INTEGER PRIMARY KEY, body TEXT CHECK (body GLOB '{' || '*'))`);
  d.exec(`INSERT INTO doc (body) VALUES ('{"a": 1}')`);
  d.exec(`CREATE VIEW doc_a AS SELECT id, body ->> '$.a' AS a FROM doc`);
  d.exec('CREATE VIEW doc_ids AS SELECT id FROM doc');
});

describe('objects that are not translated', () => {
  it('are listed with their reason and SQL; everything else migrates, exit 4 (not created)', async () => {
    const db = await freshDatabase('untranslated');
    const r = await runCli(['migrate', 'sqlite-to-pg', file, '--to', db.url]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toContain('Not created (2: 1 constraint, 1 view):');
    expect(r.stdout).toContain("doc_check: CHECK on doc not translated: it uses SQLite's GLOB operator with a pattern that is not a plain string, which PostgreSQL does not have");
    expect(r.stdout).toContain("doc_a: view not translated: it uses SQLite's ->> operator, which PostgreSQL does not have");
    expect(r.stdout).toContain("CREATE VIEW doc_a AS SELECT id, body ->> '$.a' AS a FROM doc");

    const json = await runCli(['migrate', 'sqlite-to-pg', file, '--to', db.url, '--if-exists', 'drop', '--json']);
    expect(json.code, json.stderr).toBe(4);
    expect(json.events.at(-1)).toMatchObject({ type: 'error', code: 'MIGRATION_INCOMPLETE_SCHEMA' });
    const summary = json.events.find((e) => e.type === 'summary')!;
    expect(summary.skipped).toEqual([
      { name: 'doc_check', reason: "CHECK on doc not translated: it uses SQLite's GLOB operator with a pattern that is not a plain string, which PostgreSQL does not have", sql: "body GLOB '{' || '*'", notCreated: 'constraint' },
      { name: 'doc_a', reason: "view not translated: it uses SQLite's ->> operator, which PostgreSQL does not have", sql: "CREATE VIEW doc_a AS SELECT id, body ->> '$.a' AS a FROM doc", notCreated: 'view' },
    ]);
    const c = await db.connect();
    try {
      const views = await c.query<{ table_name: string }>("SELECT table_name FROM information_schema.views WHERE table_schema = 'public'");
      expect(views.rows).toEqual([{ table_name: 'doc_ids' }]);
    } finally {
      await c.end();
    }
  });

  it('appear under "Not migrated" in the --dry-run script', async () => {
    const r = await runCli(['migrate', 'sqlite-to-pg', file, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('-- Not migrated:\n');
    expect(r.stdout).toContain("--     CREATE VIEW doc_a AS SELECT id, body ->> '$.a' AS a FROM doc\n");
    expect(r.stdout).toContain('CREATE VIEW "public"."doc_ids" AS SELECT "id" FROM "doc";');
  });
});
