import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { lookupPgpass } from '../support/core-internals.js';
import { type CliResult, runCli } from '../support/run-cli.js';
import { scratchDatabaseFactory } from '../support/scratch-database.js';
import { serverUrl } from '../support/test-server.js';

// Every connection string a user can hand catdb, in every shape they get wrong, run through the
// real CLI: whatever happens, no password may reach stdout or stderr, in text or --json.

const base = mkdtempSync(join(tmpdir(), 'catdb-redact-'));
const sqlite = join(base, 'app.sqlite');
const db = new (loadBetterSqlite3())(sqlite);
db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('x')");
db.close();
const passwordFile = join(base, 'replicator.password');
writeFileSync(passwordFile, 'not-the-secret\n', { mode: 0o600 });
chmodSync(passwordFile, 0o600);
const freshDatabase = scratchDatabaseFactory();

afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A fresh secret per use; markers at both ends catch a password shown in part, the hex one shown re-encoded. */
function secret(): { value: string; needles: string[] } {
  const hex = randomBytes(6).toString('hex');
  return { value: `QXV${hex}VXQ`, needles: ['QXV', 'VXQ', hex] };
}

/** The shapes of the audit and more; `s` is the secret, every host is loopback so nothing waits on DNS. */
const FORMS: Record<string, (s: string) => string> = {
  'single slash after the scheme': (s) => `postgres:/app:${s}@127.0.0.1/shop`,
  'no scheme': (s) => `app:${s}@127.0.0.1/shop`,
  'port out of range': (s) => `postgres://app:${s}@127.0.0.1:99999/shop`,
  'port not a number': (s) => `postgres://app:${s}@127.0.0.1:port/shop`,
  'bad percent-encoding': (s) => `postgres://app:${s}%zz@127.0.0.1:1/shop`,
  'percent-encoded reserved characters': (s) => `postgres://app:${encodeURIComponent(`${s}@:/?#`)}@127.0.0.1:1/shop`,
  '@ left unencoded in the password': (s) => `postgres://app:${s}@x@127.0.0.1:1/shop`,
  '/ left unencoded in the password': (s) => `postgres://app:${s}/x@127.0.0.1:1/shop`,
  'IPv6 host': (s) => `postgres://app:${s}@[::1]:1/shop`,
  'password in the query string': (s) => `postgres://app@127.0.0.1:1/shop?sslmode=disable&password=${s}`,
  'sslpassword in the query string': (s) => `postgres://app@127.0.0.1:1/shop?sslpassword=${s}`,
  'keyword/value string': (s) => `host=127.0.0.1 port=1 user=app password='${s}'`,
  'another scheme': (s) => `mysql://app:${s}@127.0.0.1/shop`,
};

/** The real test server, with a wrong password in the URL: the server itself refuses it. */
function wrongPasswordUrl(s: string): string {
  const url = new URL(serverUrl());
  url.password = s;
  return url.toString();
}

type Command = (url: string) => string[];
const COMMANDS: Record<string, Command> = {
  'migrate sqlite-to-pg': (u) => ['migrate', 'sqlite-to-pg', sqlite, '--to', u],
  'migrate --data-only': (u) => ['migrate', 'sqlite-to-pg', sqlite, '--data-only', '--to', u],
  'migrate verify': (u) => ['migrate', 'verify', sqlite, '--to', u],
  'replica prepare-primary': (u) => ['replica', 'prepare-primary', '--primary', u, '--dry-run'],
  'replica init': (u) => ['replica', 'init', '--primary', u, '--data-dir', join(base, 'standby'), '--password-file', passwordFile, '--dry-run'],
  'replica status': (u) => ['replica', 'status', '--primary', u, '--replica', u],
  'replica lag': (u) => ['replica', 'lag', '--primary', u, '--replica', u],
  'replica remove': (u) => ['replica', 'remove', '--primary', u, '--slot', 'nothing_here'],
  'pgbouncer init': (u) => ['pgbouncer', 'init', '--database-url', u, '--replica-url', u, '--dir', join(base, 'pgb'), '--dry-run'],
  'pgbouncer check': (u) => ['pgbouncer', 'check', '--admin-url', u],
};

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

function expectNoSecret(label: string, run: CliResult, needles: readonly string[]): void {
  const printed = run.stdout + run.stderr;
  // The run must have said something, or its silence proves nothing.
  expect(printed.trim(), `${label}: no output at all`).not.toBe('');
  for (const n of needles) expect(printed.includes(n), `${label} printed the password:\n${printed}`).toBe(false);
}

/** Runs `argv` in text mode and with --json (DATABASE_URL cleared, so only the URL given counts). */
async function bothModes(label: string, argv: string[], needles: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult[]> {
  const runs = await Promise.all([runCli(argv, { env: { DATABASE_URL: '', ...env }, cwd: base }), runCli([...argv, '--json'], { env: { DATABASE_URL: '', ...env }, cwd: base })]);
  runs.forEach((r, i) => expectNoSecret(`${label} (${i ? '--json' : 'text'})`, r, needles));
  return runs;
}

const FAILED = /USAGE_INVALID_OPTION|USAGE_INVALID_URL|PG_UNREACHABLE|REPLICA_PREFLIGHT_FAILED|UNKNOWN|CRITICAL/;

/** Each run failed and said why (a usage error or an unreachable server, never a crash). */
function expectFailedClearly(runs: readonly CliResult[][]): void {
  for (const [text, json] of runs) {
    expect(text!.code).not.toBe(0);
    expect(text!.stderr + text!.stdout).toMatch(FAILED);
    expect(json!.code).not.toBe(0);
    expect(JSON.stringify(json!.events)).toMatch(FAILED);
  }
}

describe('no password in CLI output', () => {
  // migrate prints events, results and errors; replica lag renders its own error documents.
  it.each(Object.keys(FORMS))('%s: migrate and replica lag fail without echoing it', async (form) => {
    const s = secret();
    const url = FORMS[form]!(s.value);
    const chosen = ['migrate sqlite-to-pg', 'replica lag'].map((name) => [name, COMMANDS[name]!] as const);
    expectFailedClearly(await mapLimit(chosen, 2, ([name, argv]) => bothModes(`${name} with ${url}`, argv(url), s.needles)));
  });

  it('a URL without a scheme: every command fails without echoing it', async () => {
    const s = secret();
    const url = FORMS['no scheme']!(s.value);
    expectFailedClearly(await mapLimit(Object.entries(COMMANDS), 3, ([name, argv]) => bothModes(`${name} with ${url}`, argv(url), s.needles)));
  });

  it('a URL whose password the server refuses: the error names the server, not the password', async () => {
    const s = secret();
    const url = wrongPasswordUrl(s.value);
    const results = await mapLimit(Object.entries(COMMANDS), 3, ([name, argv]) => bothModes(`${name} with a wrong password`, argv(url), s.needles));
    expect(results.flat().filter((r) => /PG_AUTH_FAILED/.test(r.stdout + r.stderr)).length).toBeGreaterThanOrEqual(8);
  });

  it('$DATABASE_URL in a malformed shape is redacted like --to', async () => {
    for (const form of ['no scheme', 'port out of range', 'keyword/value string']) {
      const s = secret();
      const runs = await bothModes(`DATABASE_URL ${form}`, ['migrate', 'sqlite-to-pg', sqlite], s.needles, { DATABASE_URL: FORMS[form]!(s.value) });
      for (const r of runs) expect(r.code).toBe(2);
    }
  });

  it('a URL carrying the right password works, and neither events nor results repeat it', async () => {
    const server = new URL(serverUrl());
    const password = server.password ? decodeURIComponent(server.password) : lookupPgpass(inject('pgPassfile'), server.hostname.replace(/^\[|\]$/g, ''), server.port || '5432', '*', decodeURIComponent(server.username));
    if (!password) throw new Error('the test server has no password in its URL or passfile: this test needs one to put in a URL');
    const target = await freshDatabase('redact');
    const withPassword = new URL(target.url);
    withPassword.password = encodeURIComponent(password);
    // No passfile: the password in the URL is what logs in.
    const env = { PGPASSFILE: join(base, 'no-passfile') };
    const migrate = await runCli(['migrate', 'sqlite-to-pg', sqlite, '--to', withPassword.toString(), '--json'], { env, cwd: base });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.events.find((e) => e.type === 'target')).toMatchObject({ url: expect.stringContaining(':*****@') });
    const status = await runCli(['replica', 'status', '--primary', withPassword.toString(), '--json'], { env, cwd: base });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ primary: { url: expect.stringContaining(':*****@') } });
    for (const [label, run] of [['migrate', migrate], ['replica status', status]] as const) {
      expect(run.stdout + run.stderr, label).not.toContain(password);
      expect(run.stdout + run.stderr, label).not.toContain(encodeURIComponent(password));
    }
  });
});
