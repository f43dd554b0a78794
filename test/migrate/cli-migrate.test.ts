import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPORA_DIR } from '../support/corpora.js';
import { runCli } from '../support/run-cli.js';
import { scratchDatabaseFactory, type ScratchDatabase } from '../support/scratch-database.js';

const chinook = join(CORPORA_DIR, 'lerocha__Chinook_Sqlite.sqlite');
const freshDatabase = scratchDatabaseFactory();
const fresh = (): Promise<ScratchDatabase> => freshDatabase('cli');

const tableCount = async (db: ScratchDatabase): Promise<number> => {
  const c = await db.connect();
  try {
    return Number((await c.query<{ n: string }>("SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0]!.n);
  } finally {
    await c.end();
  }
};

describe('catdb migrate sqlite-to-pg', () => {
  it('--json streams NDJSON events and ends with a summary; exit 0', async () => {
    const db = await fresh();
    const r = await runCli(['migrate', 'sqlite-to-pg', chinook, '--to', db.url, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const types = new Set(r.events.map((e) => e.type));
    for (const t of ['planned', 'table-start', 'table-done', 'step', 'verify-table', 'summary']) expect(types.has(t), t).toBe(true);
    const summary = r.events.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', tables: 11, rows: 15607, rejected: 0, verified: 11 });
  });

  it('refuses to touch existing tables (exit 1, PLAN_TARGET_EXISTS) and replaces them with --if-exists drop', async () => {
    const db = await fresh();
    expect((await runCli(['migrate', 'sqlite-to-pg', chinook, '--to', db.url, '--json', '--no-verify'])).code).toBe(0);
    const again = await runCli(['migrate', 'sqlite-to-pg', chinook, '--to', db.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('PLAN_TARGET_EXISTS');
    expect(again.stderr).toMatch(/album.*artist/s);
    const replaced = await runCli(['migrate', 'sqlite-to-pg', chinook, '--to', db.url, '--if-exists', 'drop', '--json']);
    expect(replaced.code, replaced.stderr).toBe(0);
  });

  it('--dry-run prints the plan and touches nothing', async () => {
    const db = await fresh();
    const r = await runCli(['migrate', 'sqlite-to-pg', chinook, '--to', db.url, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('CREATE TABLE "public"."invoice"');
    expect(r.stdout).toMatch(/"Total" NUMERIC\(10,2\) → numeric\(10,2\)/);
    expect(r.stdout).toContain('FOREIGN KEY');
    expect(await tableCount(db)).toBe(0);
  });

  it('a name collision: numbered by default (exit 0, the warning names the new name); with --strict-types it fails before any DDL, naming both columns (exit 1)', async () => {
    const db = await fresh();
    const ok = await runCli(['migrate', 'sqlite-to-pg', join(CORPORA_DIR, 'pgloader__collision.db'), '--to', db.url, '--schema', 'numbered']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout + ok.stderr).toContain('column named "col_very_long_name_that_exceeds_postgresql_identifier_limit_a_1"');
    const r = await runCli(['migrate', 'sqlite-to-pg', join(CORPORA_DIR, 'pgloader__collision.db'), '--to', db.url, '--strict-types']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('MAP_IDENTIFIER_COLLISION');
    expect(r.stderr).toContain('col_very_long_name_that_exceeds_postgresql_identifier_limit_aaax');
    expect(r.stderr).toContain('col_very_long_name_that_exceeds_postgresql_identifier_limit_aaay');
    expect(await tableCount(db)).toBe(0);
  });

  it('usage errors exit 2; a bad --cast is a usage problem with a hint', async () => {
    const r = await runCli(['migrate', 'sqlite-to-pg']);
    expect(r.code).toBe(2);
    const bad = await runCli(['migrate', 'sqlite-to-pg', chinook, '--to', 'postgres://x@127.0.0.1:1/x', '--cast', 'nonsense']);
    expect(bad.stderr).toContain('MAP_BAD_CAST_RULE');
    expect(bad.code).toBe(2);
  });

  it('migrate verify: exit 0 when equal, 3 and the table named after one value changes', async () => {
    const db = await fresh();
    expect((await runCli(['migrate', 'sqlite-to-pg', chinook, '--to', db.url, '--no-verify', '--json'])).code).toBe(0);
    const ok = await runCli(['migrate', 'verify', chinook, '--to', db.url]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('ok   Track: 3503 rows');
    const c = await db.connect();
    await c.query("UPDATE track SET name = name || '!' WHERE trackid = 42");
    await c.end();
    const diff = await runCli(['migrate', 'verify', chinook, '--to', db.url, '--json']);
    expect(diff.code).toBe(3);
    const summary = diff.events.find((e) => e.type === 'verify-summary') as { ok: boolean; tables: { table: string; ok: boolean }[] };
    expect(summary.ok).toBe(false);
    expect(summary.tables.filter((t) => !t.ok).map((t) => t.table)).toEqual(['Track']);
  });

  it('with no --to and no DATABASE_URL it starts its own PostgreSQL in CATDB_HOME and says how to connect', async () => {
    const home = mkdtempSync(join(tmpdir(), 'catdb-embedded-'));
    chmodSync(home, 0o755);
    const env = { DATABASE_URL: '', PGPASSFILE: '', CATDB_HOME: home };
    try {
      const r = await runCli(['migrate', 'sqlite-to-pg', chinook, '--json'], { cwd: home, env, timeoutMs: 180_000 });
      expect(r.code, r.stderr).toBe(0);
      expect(r.events.find((e) => e.type === 'target')).toMatchObject({ embedded: true, schema: 'public' });
      const summary = r.events.at(-1) as { type: string; rows: number; target: { url: string; passfile: string; database: string; embedded: boolean } };
      expect(summary).toMatchObject({ type: 'summary', rows: 15607, target: { embedded: true, database: 'lerocha__chinook_sqlite' } });
      expect(summary.target.url).not.toMatch(/:[^@/]*@/); // no password in the URL
      expect(summary.target.passfile.startsWith(home)).toBe(true);
      const again = await runCli(['migrate', 'verify', chinook], { env });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/^Using catdb's local PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:\d+\/lerocha__chinook_sqlite, schema public; stop it with catdb local stop$/m);
      expect(again.stdout.trim().split('\n').at(-1)).toMatch(/^Target: postgres:\/\/postgres@127\.0\.0\.1:\d+\/lerocha__chinook_sqlite, schema public$/);
    } finally {
      await runCli(['local', 'destroy', '--yes'], { env });
      rmSync(home, { recursive: true, force: true });
    }
  });
});
