import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { scratchDatabaseFactory } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// Names and SQL from a hostile SQLite file reach the operator's terminal in progress lines,
// warnings, "Not migrated" listings, errors and verification output. None of them may carry a
// control sequence: a clear-screen, a window-title change, a CR that overwrites "error", or a
// bidi override that reorders what is shown.
const dirs = scratchDir('catdb-terminal-');
const freshDatabase = scratchDatabaseFactory();
afterAll(() => dirs.remove());

const ESC_NAME = 'inv\u001b[2J\u001b]0;owned\u0007oice\r\u202e';
const file = writeSqlite(dirs.path('hostile.db'), (d) => {
  d.exec(`CREATE TABLE "${ESC_NAME}" (id INTEGER PRIMARY KEY, "qty\u001b[31m" INTEGER CHECK ("qty\u001b[31m" IS NOT NULL))`);
  d.prepare(`INSERT INTO "${ESC_NAME}" ("qty\u001b[31m") VALUES (?)`).run(1);
  d.prepare(`INSERT INTO "${ESC_NAME}" ("qty\u001b[31m") VALUES (?)`).run('lots\u001b[0m');
  d.exec(`CREATE VIEW "v\u001b[1A" AS SELECT id, "qty\u001b[31m" ->> '$.a' AS a FROM "${ESC_NAME}"`);
});

/** Every control character a terminal acts on, but newline (and tab, which it only moves over). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const env = { NO_COLOR: '1', FORCE_COLOR: '0' };

describe('text from the SQLite file on the terminal', () => {
  it('is escaped in progress, warnings, "Not migrated" and verify output', async () => {
    const db = await freshDatabase('terminal');
    const run = await runCli(['migrate', 'sqlite-to-pg', file, '--to', db.url], { env });
    const out = run.stdout + run.stderr;
    expect(out).toContain('\\x1b[2J');
    expect(out).toContain('\\u{202e}');
    expect(out.match(CONTROL), out).toBeNull();

    const verify = await runCli(['migrate', 'verify', file, '--to', db.url], { env });
    expect(verify.stdout + verify.stderr).toContain('\\x1b');
    expect((verify.stdout + verify.stderr).match(CONTROL)).toBeNull();
  });

  it('is escaped in error messages', async () => {
    const db = await freshDatabase('terminal_err');
    const run = await runCli(['migrate', 'sqlite-to-pg', file, '--to', db.url, '--strict-types'], { env });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('error MAP_MIXED_TYPES');
    expect(run.stderr).toContain('\\x1b[31m');
    expect((run.stdout + run.stderr).match(CONTROL)).toBeNull();
  });
});
