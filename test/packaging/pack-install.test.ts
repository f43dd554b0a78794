import { execFile } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabaseFactory } from '../support/scratch-database.js';
import { serverUrl } from '../support/test-server.js';
import { openSqlite } from '../support/core-internals.js';

// Packs @catdb/core and @catdb/cli the way they would be published, installs the
// tarballs with npm into a project outside the workspace, and uses them from there.

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const chinook = join(root, 'fixtures/chinook.sqlite');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const MINUTE = 60_000;

/**
 * Child environment for pnpm/npm: the caller's, minus the npm_* variables that pnpm or npx
 * set for the process running vitest (they describe the workspace, not the new project),
 * plus the local Node headers for node-gyp when the machine has them, because
 * better-sqlite3 compiles from source and only the npm registry is reachable.
 */
function packageManagerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_(command|lifecycle_|package_|config_user_agent|config_verify_deps|config_local_prefix)|pnpm_|PNPM_)/i.test(k)) continue;
    env[k] = v;
  }
  if (!env.npm_config_nodedir && existsSync('/usr/include/node/node_version.h')) env.npm_config_nodedir = '/usr';
  return { ...env, CI: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

async function sh(file: string, args: string[], cwd: string, timeout = 10 * MINUTE): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(file, args, { cwd, env: packageManagerEnv(), timeout, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

function packageVersion(dir: string): string {
  return JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).version;
}

let work: string;
let project: string;
const freshDatabase = scratchDatabaseFactory();

beforeAll(async () => {
  serverUrl(); // fail loudly before the slow part when there is no server
  work = mkdtempSync(join(tmpdir(), 'catdb-pack-'));
  const tarballs = join(work, 'tarballs');
  // The same packing users get from scripts/install-cli.sh (pnpm pack: the build, and workspace:^ made a version range).
  await sh('bash', [join(root, 'scripts/install-cli.sh'), '--pack-only', '--pack-dir', tarballs], root);
  project = join(work, 'consumer');
  cpSync(join(import.meta.dirname, 'consumer'), project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'catdb-consumer', private: true, type: 'module' }, null, 2));
  const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz')).map((f) => join(tarballs, f));
  expect(files).toHaveLength(2);
  // @types/node is what any TypeScript-on-Node project has; everything else comes from the tarballs.
  await sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files, '@types/node@^20'], project, 25 * MINUTE);
}, 30 * MINUTE);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('packed @catdb/core and @catdb/cli installed by npm', () => {
  it('core brings neither commander, listr2 nor the drivers\' @types, and its package is ESM with types', () => {
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string> }> };
    // Walk core's dependency closure in the lockfile.
    const closure = new Set<string>();
    const visit = (name: string): void => {
      if (closure.has(name)) return;
      closure.add(name);
      for (const dep of Object.keys(lock.packages[`node_modules/${name}`]?.dependencies ?? {})) visit(dep);
    };
    visit('@catdb/core');
    expect(closure.has('pg')).toBe(true);
    expect(closure.has('better-sqlite3')).toBe(true);
    expect(closure.has('commander')).toBe(false);
    expect(closure.has('listr2')).toBe(false);
    // The drivers' declaration packages are the core's devDependencies: the consumer below
    // type-checks without them.
    for (const types of ['@types/pg', '@types/better-sqlite3']) {
      expect(closure.has(types), types).toBe(false);
      expect(existsSync(join(project, 'node_modules', types)), types).toBe(false);
    }
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/@catdb/core/package.json'), 'utf8'));
    expect(installed.type).toBe('module');
    expect(installed.exports['.'].types).toBe('./dist/index.d.ts');
    expect(existsSync(join(project, 'node_modules/@catdb/core/dist/index.d.ts'))).toBe(true);
    // The CLI's dependency on core was rewritten from workspace:^ to a version range.
    const cli = JSON.parse(readFileSync(join(project, 'node_modules/@catdb/cli/package.json'), 'utf8'));
    expect(cli.dependencies['@catdb/core']).toBe(`^${packageVersion('packages/core')}`);
  });

  it('tells a CommonJS require() that the package is ESM-only, and still loads for import', async () => {
    const required = await sh(process.execPath, ['-e', "require('@catdb/core')"], project).then(
      () => 'loaded',
      (err: Error) => err.message,
    );
    expect(required).toContain("Error: @catdb/core is ESM-only: use import (or await import('@catdb/core'))");
    expect(required).not.toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
    const { stdout } = await sh(process.execPath, ['--input-type=module', '-e', "const m = await import('@catdb/core'); console.log(typeof m.migrateSqliteToPg)"], project);
    expect(stdout.trim()).toBe('function');
  });

  it('type-checks a TypeScript consumer, and rejects one that misuses the types', async () => {
    await sh(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], project);
    const wrong = await sh(process.execPath, [tsc, '-p', 'tsconfig.wrong.json'], project).then(
      () => 'compiled',
      (err: Error) => err.message,
    );
    expect(wrong).toMatch(/wrong-types\.ts.*error TS2322: Type 'boolean' is not assignable to type 'string'/);
  }, 5 * MINUTE);

  it('runs the consumer against a real PostgreSQL: migrates, verifies, refuses a second run with a CatdbError code', async () => {
    const db = await freshDatabase('pack');
    await sh(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    const { stdout } = await sh(process.execPath, ['out/consumer.js', chinook, db.url], project, 4 * MINUTE);
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!);

    const sqlite = openSqlite(chinook);
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[]).map((t) => t.name);
    const expected = Object.fromEntries(tables.map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM "${t.replaceAll('"', '""')}"`).get() as { n: number }).n]));
    sqlite.close();

    expect(Object.fromEntries(report.tables.map((t: { table: string; rows: number }) => [t.table, t.rows]))).toEqual(expected);
    expect(report.verified).toBe(true);
    expect(report.verifiedTables).toBe(tables.length);
    expect(report.events).toEqual(expect.arrayContaining(['planned', 'table-done', 'verify-table']));
    expect(report.refused).toBe('PLAN_TARGET_EXISTS');

    const client = await db.connect();
    try {
      for (const t of report.tables as { table: string; target: string }[]) {
        const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public."${t.target.replaceAll('"', '""')}"`);
        expect(Number(rows[0]!.n), t.table).toBe(expected[t.table]);
      }
    } finally {
      await client.end();
    }
  }, 5 * MINUTE);

  it('installs an executable catdb binary that prints its version and migrates', async () => {
    const bin = join(project, 'node_modules/.bin/catdb');
    accessSync(bin, constants.X_OK);
    // Run the file itself, not `node file`: the shebang and the mode bit are what npm users rely on.
    const { stdout: version } = await sh(bin, ['--version'], project);
    expect(version.trim()).toBe(packageVersion('packages/cli'));

    const db = await freshDatabase('packcli');
    const { stdout } = await sh(bin, ['migrate', 'sqlite-to-pg', chinook, '--to', db.url, '--json'], project, 4 * MINUTE);
    const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; tables?: number; verified?: number });
    const summary = events.find((e) => e.type === 'summary');
    expect(summary?.tables).toBeGreaterThan(0);
    expect(summary?.verified).toBe(summary?.tables);
    const client = await db.connect();
    try {
      const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
      expect(Number(rows[0]!.n)).toBe(summary?.tables);
    } finally {
      await client.end();
    }
  }, 5 * MINUTE);
});
