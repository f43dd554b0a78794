import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgBinDir, stopLocalPostgres, openSqlite } from '../support/core-internals.js';
import { outputOf, postmastersUnder, runGuide, serverDirsUnder, type GuideRun } from '../support/run-guide.js';

// docs/getting-started-library.md, run as a new user would: its marked blocks, as written, in
// one shell with an empty HOME: a Node project, @catdb/core installed into it from this
// checkout, and the guide's migrate.mjs, which starts a server, migrates, verifies and stops it.

const root = join(import.meta.dirname, '../..');
const MINUTE = 60_000;

let run: GuideRun;

beforeAll(async () => {
  findPgBinDir(); // migrate.mjs starts a server: fail loudly here when there are no PostgreSQL binaries
  run = await runGuide('docs/getting-started-library.md', { timeoutMs: 30 * MINUTE });
}, 31 * MINUTE);

afterAll(async () => {
  if (!run) return;
  // Only when the guide failed half-way: its server is stopped before its folder goes.
  for (const dir of serverDirsUnder(run.home)) await stopLocalPostgres(join(dir, 'data')).catch(() => {});
  rmSync(run.base, { recursive: true, force: true });
}, 2 * MINUTE);

describe('docs/getting-started-library.md, as written, with an empty HOME', () => {
  it('every command of the guide exits 0', () => {
    const commands = run.steps.flatMap((s, n) => (s.kind === 'run' ? [n] : []));
    expect(commands.length).toBeGreaterThanOrEqual(5);
    expect(run.steps.filter((s) => s.kind === 'file').map((s) => s.kind === 'file' && s.name)).toEqual(['migrate.mjs']);
    expect(run.code, `${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`).toBe(0);
    expect(run.passed).toEqual(commands);
  });

  it('the script migrated and verified every table and row of the SQLite file', () => {
    const db = openSqlite(join(root, 'fixtures/chinook.sqlite'));
    let tables: number;
    let rows = 0;
    try {
      const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[];
      tables = names.length;
      for (const { name } of names) rows += (db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n;
    } finally {
      db.close();
    }
    const out = outputOf(run, 'node migrate.mjs');
    expect(out).toContain(`migrated ${tables} tables, ${rows} rows, verified: true\n`);
    expect(out).toContain('checked again: identical');
    expect(out.split('\n').filter((l) => / rows$/.test(l))).toHaveLength(tables);
  });

  it('the package came from this checkout, kept in the project, not from a registry', () => {
    const pkg = JSON.parse(readFileSync(join(run.home, 'catdb-lib/package.json'), 'utf8')) as { type: string; dependencies: Record<string, string> };
    expect(pkg.type).toBe('module');
    expect(pkg.dependencies['@catdb/core']).toMatch(/^file:vendor\/catdb\/catdb-core-[\d.]+\.tgz$/);
  });

  it('leaves no postgres process from that HOME: the script stopped its server', () => {
    expect(serverDirsUnder(run.home)).toHaveLength(1);
    expect(postmastersUnder(run.home)).toEqual([]);
  });
});
