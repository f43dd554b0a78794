import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, findPgBinDir, quoteIdent, startLocalPostgres, stopLocalPostgres, openSqlite } from '../support/core-internals.js';
import { outputOf, postmastersUnder, runGuide, serverDirsUnder, type GuideRun } from '../support/run-guide.js';

// docs/getting-started-cli.md, run as a new user would: its marked blocks, as written, in one
// shell with an empty HOME, from installing catdb with scripts/install-cli.sh to stopping the
// local server it started.

const root = join(import.meta.dirname, '../..');
const MINUTE = 60_000;

function sqliteRowCounts(file: string): Record<string, number> {
  const db = openSqlite(file);
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name.toLowerCase(), (db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

let run: GuideRun;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  findPgBinDir(); // the guide's server needs PostgreSQL binaries: fail loudly here when there are none
  run = await runGuide('docs/getting-started-cli.md', { timeoutMs: 30 * MINUTE });
}, 31 * MINUTE);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  // A server the guide left running (it failed before `catdb local stop`) is stopped before its folder goes.
  if (run) {
    for (const dir of serverDirsUnder(run.home)) await stopLocalPostgres(join(dir, 'data')).catch(() => {});
    rmSync(run.base, { recursive: true, force: true });
  }
}, 2 * MINUTE);

describe('docs/getting-started-cli.md, as written, with an empty HOME', () => {
  it('every command of the guide exits 0', () => {
    const commands = run.steps.flatMap((s, n) => (s.kind === 'run' ? [n] : []));
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(run.code, `${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`).toBe(0);
    expect(run.passed).toEqual(commands);
    // The installed catdb is the one this checkout packs.
    const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version as string;
    expect(outputOf(run, 'catdb --version').trim()).toBe(version);
    expect(run.stdout).toContain(`install-cli: catdb ${version} is ${run.home}/.local/bin/catdb`);
  });

  it('leaves no postgres process from that HOME after catdb local stop', () => {
    expect(postmastersUnder(run.home)).toEqual([]);
  });

  it('migrated every row of the SQLite file into the local server, in a database named after it', async () => {
    const dirs = serverDirsUnder(run.home);
    expect(dirs, 'one local server made by the guide').toHaveLength(1);
    // Started again here (when the guide stopped it) to look inside; stopped after.
    const server = await startLocalPostgres({ dir: dirs[0]! });
    cleanups.push(() => server.stop());
    const expected = sqliteRowCounts(join(root, 'fixtures/chinook.sqlite'));
    const client = await connect(`${server.url.replace(/\/postgres$/, '/chinook')}?passfile=${encodeURIComponent(server.passfile)}`);
    try {
      const { rows } = await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
      const actual: Record<string, number> = {};
      for (const { name } of rows) actual[name] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${quoteIdent(name)}`)).rows[0]!.n);
      expect(actual).toEqual(expected);
    } finally {
      await client.end();
    }
  }, 3 * MINUTE);
});
