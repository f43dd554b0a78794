import { closeSync, copyFileSync, openSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { type CliResult, runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';
import { makeBigSqlite } from './make-big-sqlite.js';

// A page overwritten in the middle of a table's data is SQLITE_CORRUPT naming the file, printed
// once, wherever catdb meets it: introspecting, profiling, loading (on this thread or in a
// render worker) or verifying.
const files = scratchDir('catdb-corrupt-');
const MALFORMED = 'database disk image is malformed';
const pg = useScratchDatabase('corrupt');
let small: string;
let indexed: string;
let big: string;

/** Overwrites the header and cell pointers of the middle leaf page of `table` (found with dbstat) in a copy of `file`. */
function corruptCopy(file: string, table: string, name: string): string {
  const Database = loadBetterSqlite3();
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const leaves = db.prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno`).pluck().all(table) as number[];
  db.close();
  expect(leaves.length).toBeGreaterThan(10);
  const copy = files.path(name);
  copyFileSync(file, copy);
  const fd = openSync(copy, 'r+');
  writeSync(fd, Buffer.alloc(16, 0xa5), 0, 16, (leaves[leaves.length >> 1]! - 1) * pageSize);
  closeSync(fd);
  return copy;
}

beforeAll(async () => {
  // No index: count(*) in introspection reads every leaf page of the table.
  small = writeSqlite(files.path('small.db'), (db) => {
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
             WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) INSERT INTO t SELECT x, printf('%.60c', 'v') FROM c`);
  });
  // An index: count(*) reads the index, so the first to meet the table's pages is the profile
  // (checking the storage classes of n, which no index covers).
  indexed = writeSqlite(files.path('indexed.db'), (db) => {
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, n INTEGER, v TEXT); CREATE INDEX t_k ON t (k);
             WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) INSERT INTO t SELECT x, x % 7, x, printf('%.60c', 'v') FROM c`);
  });
  // Above 100 000 rows: profiled leanly and loaded by render workers (rollback journal, --jobs 2).
  big = files.path('big.db');
  makeBigSqlite(big, 150_000);
});
afterAll(() => files.remove());

let schemas = 0;
const migrate = (file: string, ...extra: string[]): Promise<CliResult> => runCli(['migrate', 'sqlite-to-pg', file, '--to', pg.url, '--schema', `corrupt_${++schemas}`, ...extra]);

/** One error, SQLITE_CORRUPT, naming the file: one `error` event on stdout, its message once on stderr. */
function expectCorrupt(out: CliResult, file: string): Record<string, unknown>[] {
  expect(out.code, out.stderr).toBe(1);
  const errors = out.events.filter((e) => e.type === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ code: 'SQLITE_CORRUPT', details: { file } });
  expect(String(errors[0]!.message)).toContain(file);
  expect(String(errors[0]!.hint)).toMatch(/recover/);
  expect(out.stdout.split(MALFORMED)).toHaveLength(2);
  expect(out.stderr.split(MALFORMED)).toHaveLength(2);
  expect(out.stderr).toContain(`error SQLITE_CORRUPT: ${file}`);
  return out.events;
}

describe('a corrupt page in the middle of a table', () => {
  it('met by introspection (count of a table without index)', async () => {
    const file = corruptCopy(small, 't', 'small-corrupt.db');
    const events = expectCorrupt(await migrate(file, '--json'), file);
    expect(events.some((e) => e.type === 'introspected')).toBe(false);
  });

  it('met by the profile, without --json: the message is printed once', async () => {
    const file = corruptCopy(indexed, 't', 'indexed-corrupt.db');
    const json = expectCorrupt(await migrate(file, '--json'), file);
    expect(json.some((e) => e.type === 'introspected')).toBe(true);
    expect(json.some((e) => e.type === 'planned')).toBe(false);
    const plain = await migrate(file);
    expect(plain.code).toBe(1);
    expect(`${plain.stdout}${plain.stderr}`.split(MALFORMED)).toHaveLength(2);
    expect(plain.stderr).toContain(`error SQLITE_CORRUPT: ${file} is damaged`);
  });

  it('met while loading, in render workers and on this thread, value by value too', async () => {
    const file = corruptCopy(big, 'big', 'big-corrupt.db');
    // skip-row counts storage classes while planning unless --strict-types: keep that scan out, so the load meets the page.
    for (const extra of [['--jobs', '2'], ['--jobs', '1'], ['--jobs', '1', '--on-error', 'skip-row', '--strict-types']]) {
      const events = expectCorrupt(await migrate(file, '--json', ...extra), file);
      expect(events.some((e) => e.type === 'planned'), extra.join(' ')).toBe(true);
    }
    const plain = await migrate(file, '--jobs', '2');
    expect(plain.code).toBe(1);
    expect(`${plain.stdout}${plain.stderr}`.split(MALFORMED)).toHaveLength(2);
  });

  it('met by `migrate verify`, reading the source again after a good load', async () => {
    const schema = 'corrupt_verify';
    const loaded = await runCli(['migrate', 'sqlite-to-pg', big, '--to', pg.url, '--schema', schema, '--json', '--no-verify']);
    expect(loaded.code, loaded.stderr).toBe(0);
    const file = corruptCopy(big, 'big', 'big-corrupt-verify.db');
    for (const jobs of ['2', '1']) {
      const events = expectCorrupt(await runCli(['migrate', 'verify', file, '--to', pg.url, '--schema', schema, '--json', '--jobs', jobs]), file);
      expect(events.some((e) => e.type === 'verify-summary')).toBe(false);
    }
  });
});
