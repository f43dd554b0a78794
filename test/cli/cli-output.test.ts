import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { writeSqlite } from '../support/write-sqlite.js';
import { shellWords } from '../support/shell-words.js';
import { COMMAND_EXAMPLES } from '../../packages/cli/src/commands/command-examples.js';

// What the CLI writes and where: pipes closed early, usage errors under --json, reject files.

const base = mkdtempSync(join(tmpdir(), 'catdb-cli-output-'));
const pg = useScratchDatabase('cliout');
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A SQLite file with one row PostgreSQL cannot take under --strict-types (text in an integer column). */
const withBadRow = (name: string): string =>
  writeSqlite(join(base, name), (db) => {
    db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, qty INTEGER); INSERT INTO items VALUES (1, 5), (2, 'lots');");
  });

describe('a reader that closes the pipe early', () => {
  it('`catdb migrate sqlite-to-pg --help | head -1` exits quietly, with no EPIPE', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'migrate', 'sqlite-to-pg', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      // What `head -1` does: read one chunk, then close its end of the pipe.
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(r.code).toBe(0);
  });
});

describe('usage errors with --json', () => {
  it.each([
    [['migrate', 'verify', 'x.sqlite', '--json', '--bogus'], 'commander.unknownOption', /--bogus/],
    [['migrate', 'verify', '--json'], 'commander.missingArgument', /sqlite-file/],
    [['migrate', 'sqlite-to-pg', 'x.sqlite', '--json', '--jobs', '0'], 'commander.invalidArgument', /--jobs/],
    [['replica', 'lag', '--json', '--warn'], 'commander.optionMissingArgument', /--warn/],
  ] as const)('catdb %j prints one JSON error object and exits 2', async (args, commanderCode, message) => {
    const r = await runCli([...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.events).toEqual([{ type: 'error', name: 'CatdbError', code: 'USAGE_INVALID_OPTION', message: expect.stringMatching(message), hint: expect.stringMatching(/--help/), details: { commander: commanderCode } }]);
  });

  it('a value parser of catdb (a duration) answers in JSON too', async () => {
    const r = await runCli(['replica', 'status', '--primary', 'postgres://127.0.0.1:1/x', '--timeout', 'soon', '--json']);
    expect(r.code).toBe(2);
    expect(r.events).toEqual([expect.objectContaining({ type: 'error', code: 'USAGE_INVALID_OPTION', message: expect.stringContaining('--timeout') })]);
  });
});

describe('reject files', () => {
  const flags = ['--on-error', 'skip-row', '--strict-types', '--allow-rejects', '--json'];

  it('go to <file>.rejects/ next to the SQLite file, not into the current directory', async () => {
    const source = withBadRow('nextto.db');
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(elsewhere);
    const r = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'rej_default', ...flags], { cwd: elsewhere });
    expect(r.code, r.stderr).toBe(0);
    expect(r.events.find((e) => e.type === 'summary')).toMatchObject({ rejected: 1, rejectFiles: [join(`${source}.rejects`, 'items.ndjson')] });
    expect(readdirSync(`${source}.rejects`)).toContain('items.ndjson');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('go where --rejects-dir says, in a folder catdb creates', async () => {
    const source = withBadRow('chosen.db');
    const chosen = join(base, 'chosen-rejects');
    const r = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', 'rej_chosen', '--rejects-dir', chosen, ...flags]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.events.find((e) => e.type === 'summary')).toMatchObject({ rejectFiles: [join(chosen, 'items.ndjson')] });
    expect(existsSync(`${source}.rejects`)).toBe(false);
  });
});

describe('the examples of --help', () => {
  // Those that need no server run here as printed, in a folder holding the app.db they name.
  // (Redirections and pipes are the shell's, not catdb's.)
  const local = [...new Set(Object.values(COMMAND_EXAMPLES).flat())].filter((e) => e.startsWith('catdb ') && !/postgres:|\$DATABASE_URL|sandbox|pgbouncer|replica|local |help |[>|<]/.test(e));

  it('include some to run', () => {
    expect(local).toEqual(expect.arrayContaining(['catdb migrate sqlite-to-pg app.db --dry-run', 'catdb migrate online-abort app.db --dry-run']));
  });

  it.each(local)('%s exits 0', async (example) => {
    const dir = mkdtempSync(join(base, 'example-'));
    writeSqlite(join(dir, 'app.db'), (db) => db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC)'));
    const r = await runCli(shellWords(example).slice(1), { cwd: dir, env: { DATABASE_URL: '' } });
    expect(r.code, r.stderr).toBe(0);
  });
});
