import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { writeSqlite } from '../support/write-sqlite.js';

// What a migration and a verification print without a terminal (CI, pipes, log files), and
// what -q and --log-file do with it. CATDB_PROGRESS_INTERVAL_MS (a test-only knob) brings the
// 5 s interval of the periodic lines down to what a table of this size takes to load.

const base = mkdtempSync(join(tmpdir(), 'catdb-cli-progress-'));
const BIG_ROWS = 300_000;
const knob = { CATDB_PROGRESS_INTERVAL_MS: '200' };
const pg = useScratchDatabase('cliprog');
let source: string;

beforeAll(async () => {
  source = writeSqlite(join(base, 'app.db'), (db) => {
    db.exec(`CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, note TEXT);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BIG_ROWS})
      INSERT INTO big SELECT i, 'name ' || i, i % 97, hex(randomblob(24)) FROM n;
      CREATE TABLE small (id INTEGER PRIMARY KEY, label TEXT); INSERT INTO small VALUES (1, 'only');`);
  });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** The lines of `text` between the first matching `from` and the first matching `to` after it. */
function between(text: string, from: RegExp, to: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => from.test(l));
  const end = lines.findIndex((l, i) => i > start && to.test(l));
  expect(start, `no line matches ${from}:\n${text}`).toBeGreaterThanOrEqual(0);
  expect(end, `no line matches ${to} after ${from}:\n${text}`).toBeGreaterThan(start);
  return lines.slice(start + 1, end);
}

describe('migrate sqlite-to-pg without a terminal', () => {
  it('prints a line per table at start and end, and periodic lines (rows, rows/s, ETA) while a long table loads', async () => {
    const r = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'lines', '--jobs', '2'], { env: knob });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Planned 2 tables, 300,001 rows.');
    expect(r.stderr).toMatch(/^small: loading 1 row$/m);
    expect(r.stderr).toMatch(/^small: 1 row in \S+$/m);
    const during = between(r.stderr, /^big: loading 300k rows$/, /^big: 300k rows in /).filter((l) => l.startsWith('big:'));
    expect(during.length, r.stderr).toBeGreaterThan(0);
    expect(during.some((l) => /^big: [\d.]+k?\/300k rows, [\d.]+[kM]? rows\/s, ETA \S+$/.test(l)), during.join('\n')).toBe(true);
    // No redrawing task list in a log: no escape sequences.
    expect(r.stderr).not.toContain('\u001b[');
    expect(r.stdout).toContain('Migrated 2 tables, 300,001 rows');
    expect(r.stdout).toContain('Verified 2 tables: row counts and checksums match.');
  });

  it('says "1 table" and "1 row"', async () => {
    const r = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'one', '--include', 'small']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Migrated 1 table, 1 row (');
    expect(r.stdout).toContain('Verified 1 table: row counts');
    expect(r.stdout + r.stderr).not.toMatch(/\b1 (tables|rows)\b(?!\/s)/);
  });
});

describe('migrate verify', () => {
  it('shows progress on stderr and ends with "Verified N tables, M rows: …"', async () => {
    const r = await runCli(['migrate', 'verify', source, '--to', pg.url, '--schema', 'lines'], { env: knob });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Verifying 2 tables, 300,001 rows: row counts and checksums');
    expect(r.stderr).toMatch(/^\[1\/2\] (big|small): ok, /m);
    expect(r.stderr).toMatch(/^\[2\/2\] (big|small): ok, /m);
    // The summary, then the target it compared with (every command's last line names it).
    const last = r.stdout.trim().split('\n').slice(-2);
    expect(last[0]).toBe('Verified 2 tables, 300,001 rows: row counts and checksums match.');
    expect(last[1]).toMatch(/^Target: postgres:\/\/\S+, schema lines$/);
  });

  it('names the tables that differ in its last line, and exits 3', async () => {
    const r = await runCli(['migrate', 'verify', source, '--to', pg.url, '--schema', 'one']);
    expect(r.code, r.stderr).toBe(3);
    const last = r.stdout.trim().split('\n').slice(-2);
    expect(last[0]).toBe('Verified 2 tables, 300,001 rows: 1 table differs (big).');
    expect(last[1]).toMatch(/^Target: postgres:\/\/\S+, schema one$/);
    expect(r.stderr).toContain('error VERIFY_MISMATCH');
  });
});

describe('-q and --log-file', () => {
  it('-q prints nothing when all is well, and only the error when not', async () => {
    const ok = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'quiet', '--include', 'small', '-q']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('');
    expect(ok.stderr).toBe('');
    const again = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'quiet', '--include', 'small', '-q']);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^error PLAN_TARGET_EXISTS: /);
    for (const line of again.stderr.trim().split('\n')) expect(line).toMatch(/^(error |  hint: |  )/);
  });

  it('-q still shows the error of a verification that finds a difference (exit 3)', async () => {
    const r = await runCli(['migrate', 'verify', source, '--to', pg.url, '--schema', 'one', '-q']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error VERIFY_MISMATCH: Verification failed for big\b/);
  });

  it('--log-file gets the events and the progress lines, mode 0600, and never the password', async () => {
    // The password of the test server, from its passfile (host:port:db:user:password).
    const passfile = readFileSync(inject('pgPassfile'), 'utf8').split('\n')[0]!;
    const password = passfile.split(/(?<!\\):/).slice(4).join(':').replaceAll('\\:', ':').replaceAll('\\\\', '\\');
    expect(password.length).toBeGreaterThan(3);
    const url = new URL(pg.url);
    url.password = encodeURIComponent(password);
    const log = join(base, 'migrate.log');
    const r = await runCli(['migrate', 'sqlite-to-pg', source, '--to', url.toString(), '--schema', 'logged', '--include', 'small', '--log-file', log], { env: { PGPASSFILE: '/nonexistent' } });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(log).mode & 0o777).toBe(0o600);
    const text = readFileSync(log, 'utf8');
    expect(text).toMatch(/ event \{"type":"planned"/);
    expect(text).toMatch(/ event \{"type":"table-done","table":"small"/);
    expect(text).toMatch(/ stderr small: 1 row in /);
    expect(text).toMatch(/ stdout Migrated 1 table, 1 row/);
    expect(text).toContain(':*****@');
    expect(text).not.toContain(password);
    expect(text).not.toContain(encodeURIComponent(password));
    // A log that exists is not catdb's to overwrite.
    const again = await runCli(['migrate', 'verify', source, '--to', pg.url, '--schema', 'logged', '--include', 'small', '--log-file', log]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('FS_NOT_OWNED');
    expect(readFileSync(log, 'utf8')).toBe(text);
  });
});
