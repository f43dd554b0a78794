import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessAlive, lookupPgpass } from '../support/core-internals.js';
import { type CliResult, runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { queryUrl, serverUrl } from '../support/test-server.js';
import { writeSqlite } from '../support/write-sqlite.js';

// catdb's local PostgreSQL (catdb local …), the order in which a target is chosen (--to,
// DATABASE_URL, PG*, local server), and the error codes that say what went wrong with a target.

const base = mkdtempSync(join(tmpdir(), 'catdb-local-'));
// Traversable by the postgres OS user, so the server lives under CATDB_HOME itself.
chmodSync(base, 0o755);
afterAll(() => rmSync(base, { recursive: true, force: true }));

const app = writeSqlite(join(base, 'app.db'), (db) => {
  db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO items VALUES (1, 'a'), (2, 'b');");
});

/** Processes whose command line mentions `path` (a postmaster started with -D under it, its children). */
function processesUnder(path: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(path) && !cmdline.includes('vitest')) found.push(`${pid}: ${cmdline}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function errorCode(run: CliResult): unknown {
  return run.events.find((e) => e.type === 'error')?.code;
}

describe('read-only commands with no target', () => {
  const home = join(base, 'read-only-home');

  it.each([
    ['migrate verify', ['migrate', 'verify', app]],
    ['migrate cutover --dry-run', ['migrate', 'cutover', app, '--dry-run']],
    ['migrate sqlite-to-pg --data-only --dry-run', ['migrate', 'sqlite-to-pg', app, '--data-only', '--dry-run']],
    ['replica status', ['replica', 'status']],
    ['replica lag', ['replica', 'lag']],
    ['pgbouncer check', ['pgbouncer', 'check']],
  ])('%s: exit 2 with USAGE_NO_TARGET, and no server, folder or process is created', async (_name, argv) => {
    const env = { CATDB_HOME: home, DATABASE_URL: '' };
    const text = await runCli(argv, { env });
    expect(text.code, text.stderr).toBe(2);
    expect(text.stderr).toMatch(/^error USAGE_NO_TARGET: /m);
    expect(text.stderr).toMatch(argv[0] === 'pgbouncer' ? /--dir/ : /--to|--primary/);
    if (argv[0] !== 'pgbouncer') expect(text.stderr).toMatch(/catdb local start/);
    const json = await runCli([...argv, '--json'], { env });
    expect(json.code).toBe(2);
    expect(errorCode(json)).toBe('USAGE_NO_TARGET');
    expect(existsSync(home), `${home} was created`).toBe(false);
    expect(processesUnder(home)).toEqual([]);
  });

  it('replica lag --nagios answers UNKNOWN (3), as for any usage error', async () => {
    const run = await runCli(['replica', 'lag', '--nagios'], { env: { CATDB_HOME: home, DATABASE_URL: '' } });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^REPLICA UNKNOWN: No target database given/);
    expect(existsSync(home)).toBe(false);
  });

  it('migrate sqlite-to-pg --dry-run plans from the SQLite file alone, says so, and starts nothing', async () => {
    const run = await runCli(['migrate', 'sqlite-to-pg', app, '--dry-run'], { env: { CATDB_HOME: home, DATABASE_URL: '' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/CREATE TABLE/);
    expect(run.stderr).toMatch(/checked against no database/);
    expect(existsSync(home)).toBe(false);
  });
});

describe('catdb local', () => {
  // Parents that do not exist yet: catdb creates them, and destroy removes them again.
  const top = join(base, 'made-by-catdb');
  const home = join(top, 'catdb');
  const env = { CATDB_HOME: home, DATABASE_URL: '' };

  it('start, status, a read-only command on it, stop (no process left), destroy (nothing left)', async () => {
    const before = await runCli(['local', 'status', '--json'], { env });
    expect(before.code).toBe(3);
    expect(before.events[0]).toMatchObject({ running: false, exists: false, dir: join(home, 'pg') });

    const start = await runCli(['local', 'start'], { env, timeoutMs: 180_000 });
    expect(start.code, start.stderr).toBe(0);
    expect(start.stdout).toMatch(/^Started\.$/m);
    const status = await runCli(['local', 'status', '--json'], { env });
    expect(status.code).toBe(0);
    const s = status.events[0] as { running: boolean; pid: number; port: number; url: string; dataDir: string };
    expect(s).toMatchObject({ running: true, dataDir: join(home, 'pg', 'data'), url: `postgres://postgres@127.0.0.1:${s.port}/postgres` });
    expect(isProcessAlive(s.pid)).toBe(true);
    const text = await runCli(['local', 'status'], { env });
    expect(text.stdout).toContain(`pid:           ${s.pid}`);

    // A running local server is used by read-only commands, which say so; its database for app.db does not exist.
    const verify = await runCli(['migrate', 'verify', app, '--json'], { env });
    expect(verify.code).toBe(1);
    expect(verify.events.find((e) => e.type === 'error')).toMatchObject({ code: 'PG_DATABASE_NOT_FOUND', hint: expect.stringContaining("createdb -h '127.0.0.1'") });
    const verifyText = await runCli(['migrate', 'verify', app], { env });
    expect(verifyText.stderr).toMatch(new RegExp(`^Using catdb's local PostgreSQL at postgres://postgres@127\\.0\\.0\\.1:${s.port}/app, schema public; stop it with catdb local stop$`, 'm'));

    const stop = await runCli(['local', 'stop'], { env });
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toContain(`pid ${s.pid}`);
    expect(isProcessAlive(s.pid), `postmaster ${s.pid} still runs`).toBe(false);
    expect(processesUnder(home)).toEqual([]);
    expect((await runCli(['local', 'status'], { env })).code).toBe(3);
    expect((await runCli(['local', 'stop'], { env })).code).toBe(0);

    const refused = await runCli(['local', 'destroy'], { env });
    expect(refused.code).toBe(2);
    expect(existsSync(join(home, 'pg', 'data', 'PG_VERSION'))).toBe(true);
    const destroy = await runCli(['local', 'destroy', '--yes', '--json'], { env });
    expect(destroy.code, destroy.stderr).toBe(0);
    expect(destroy.events[0]).toMatchObject({ folder: 'removed', removedParents: [home, top] });
    expect(existsSync(top)).toBe(false);
    expect(existsSync(base)).toBe(true);
  });

  it('migrate with no target starts it, announces it, and names it first and last', async () => {
    const own = join(base, 'migrate-home');
    const menv = { CATDB_HOME: own, DATABASE_URL: '' };
    try {
      const run = await runCli(['migrate', 'sqlite-to-pg', app], { env: menv, timeoutMs: 180_000 });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr.split('\n')[0]).toMatch(/^Using catdb's local PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:\d+\/app, schema public \(started it now\); stop it with catdb local stop$/);
      expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^Target: postgres:\/\/postgres@127\.0\.0\.1:\d+\/app, schema public \(catdb's local PostgreSQL\)$/);
      const json = await runCli(['migrate', 'sqlite-to-pg', app, '--if-exists', 'drop', '--json'], { env: menv });
      expect(json.code, json.stderr).toBe(0);
      expect(json.events.find((e) => e.type === 'target')).toMatchObject({ embedded: true, schema: 'public' });
      // The URL the Target line prints, typed back as --to, finds the local server's password
      // (no ~/.pgpass holds it); a URL for another user gets no password from it.
      const printed = /^Target: (\S+),/m.exec(run.stdout)![1]!;
      const again = await runCli(['migrate', 'verify', app, '--to', printed], { env: menv });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/verified/i);
      const other = new URL(printed);
      other.username = 'someone';
      const refused = await runCli(['migrate', 'verify', app, '--to', other.href, '--json'], { env: menv });
      expect(errorCode(refused)).toBe('PG_AUTH_FAILED');
    } finally {
      await runCli(['local', 'destroy', '--yes'], { env: menv });
    }
    expect(processesUnder(own)).toEqual([]);
  });
});

describe('the target in libpq order: --to > DATABASE_URL > PG* > local server', () => {
  const one = useScratchDatabase('prec1');
  const two = useScratchDatabase('prec2');
  const three = useScratchDatabase('prec3');
  let pgEnv: Record<string, string>;
  const home = join(base, 'never-used');

  beforeAll(async () => {
    const server = new URL(serverUrl());
    pgEnv = { PGHOST: server.hostname, PGPORT: server.port || '5432', PGUSER: decodeURIComponent(server.username), PGDATABASE: one.name, CATDB_HOME: home, DATABASE_URL: '' };
  });

  const targetDatabase = (run: CliResult): string => new URL(String(run.events.find((e) => e.type === 'target')?.url)).pathname.slice(1);

  it('PGHOST/PGPORT/PGUSER/PGDATABASE lead to that database when nothing else is given', async () => {
    const run = await runCli(['migrate', 'sqlite-to-pg', app, '--schema', 'via_pg', '--json'], { env: pgEnv });
    expect(run.code, run.stderr).toBe(0);
    expect(targetDatabase(run)).toBe(one.name);
    const c = await one.connect();
    expect((await c.query('SELECT count(*)::int AS n FROM via_pg.items')).rows[0].n).toBe(2);
    await c.end();
    const text = await runCli(['migrate', 'verify', app, '--schema', 'via_pg'], { env: pgEnv });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain(`(from PGHOST/PGDATABASE)`);
    expect(existsSync(home)).toBe(false);
  });

  it('DATABASE_URL beats PG*, and --to beats both', async () => {
    const viaUrl = await runCli(['migrate', 'sqlite-to-pg', app, '--schema', 'via_url', '--json'], { env: { ...pgEnv, DATABASE_URL: two.url } });
    expect(viaUrl.code, viaUrl.stderr).toBe(0);
    expect(targetDatabase(viaUrl)).toBe(two.name);
    const viaTo = await runCli(['migrate', 'sqlite-to-pg', app, '--schema', 'via_to', '--to', three.url, '--json'], { env: { ...pgEnv, DATABASE_URL: two.url } });
    expect(viaTo.code, viaTo.stderr).toBe(0);
    expect(targetDatabase(viaTo)).toBe(three.name);
    expect(existsSync(home)).toBe(false);
  });

  it('PGPASSWORD is used when no passfile has the password, with a warning', async () => {
    const server = new URL(serverUrl());
    const password = lookupPgpass(process.env.PGPASSFILE!, server.hostname, server.port || '5432', '*', decodeURIComponent(server.username));
    expect(password).toBeTruthy();
    const env = { ...pgEnv, PGPASSFILE: join(base, 'no-such-passfile'), PGPASSWORD: password! };
    const run = await runCli(['migrate', 'verify', app, '--schema', 'via_pg'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^warning: using the password in PGPASSWORD; environment variables are visible to other processes of the same user/m);
    expect(run.stdout + run.stderr).not.toContain(password!);
    const without = await runCli(['migrate', 'verify', app, '--schema', 'via_pg', '--json'], { env: { ...env, PGPASSWORD: '' } });
    expect(errorCode(without)).toBe('PG_AUTH_FAILED');
  });

  it('a PGPORT that is no port is USAGE_INVALID_URL naming PGPORT', async () => {
    const run = await runCli(['migrate', 'verify', app, '--json'], { env: { ...pgEnv, PGPORT: '54x32' } });
    expect(run.code).toBe(2);
    expect(run.events.find((e) => e.type === 'error')).toMatchObject({ code: 'USAGE_INVALID_URL', message: expect.stringContaining('PGPORT') });
  });
});

describe('error codes for targets', () => {
  it('PG_DATABASE_NOT_FOUND names the database and a createdb line; --create-database creates it', async () => {
    const name = `missing_${process.pid}_${Date.now()}`;
    const url = new URL(serverUrl());
    url.pathname = `/${name}`;
    const run = await runCli(['migrate', 'sqlite-to-pg', app, '--to', url.href, '--json']);
    expect(run.code).toBe(1);
    expect(run.events.find((e) => e.type === 'error')).toMatchObject({
      code: 'PG_DATABASE_NOT_FOUND',
      message: expect.stringContaining(`"${name}"`),
      hint: expect.stringMatching(new RegExp(`createdb .*'${name}'.*--create-database`)),
    });
    const created = await runCli(['migrate', 'sqlite-to-pg', app, '--to', url.href, '--create-database']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toMatch(/\(database created\)/);
    expect(created.stdout.trim().split('\n').at(-1)).toBe(`Target: ${url.href}, schema public`);
    await queryUrl(serverUrl(), `DROP DATABASE "${name}"`);
  });

  it.each([
    ['postgres://app@127.0.0.1:99999/app', 'the port 99999 is out of range (1–65535)'],
    ['mysql://app@127.0.0.1/app', 'the scheme is mysql:, not postgres:// or postgresql://'],
    ['postgres:/app@127.0.0.1/app', 'postgres: must be followed by //'],
    ['postgres://app@127.0.0.1:54a/app', 'the port "54a" is not a number'],
  ])('USAGE_INVALID_URL for %s names the part: %s', async (url, problem) => {
    const run = await runCli(['migrate', 'sqlite-to-pg', app, '--to', url, '--json']);
    expect(run.code).toBe(2);
    expect(run.events.find((e) => e.type === 'error')).toMatchObject({ code: 'USAGE_INVALID_URL', message: expect.stringContaining(problem) });
  });

  it('sandbox down on a folder with no sandbox is SANDBOX_NOT_FOUND, not a start failure', async () => {
    const dir = mkdtempSync(join(base, 'no-sandbox-'));
    const run = await runCli(['sandbox', 'down', '--dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error SANDBOX_NOT_FOUND: No sandbox in /m);
    expect(run.stderr).toMatch(/catdb local stop/);
  });
});
