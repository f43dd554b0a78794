import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// The done-criteria of the fidelity issue on pgloader's own bad-input databases: a clear error
// by default, a complete migration with the documented flags, reject files with exactly the bad rows.
const corpus = (name: string): string => resolve(import.meta.dirname, '../../fixtures/corpora', name);
const pg = useScratchDatabase('badinput');
const dirs = scratchDir('catdb-corpora-');

afterAll(() => dirs.remove());

function rejects(dir: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const f of readdirSync(dir).filter((name) => name.endsWith('.ndjson')).sort()) out[f] = readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
  return out;
}

// `stopFlags`: what makes the run stop. Every one of these files migrates by default, each value
// exact (types the data overrules stop only with --strict-types).
const cases: { file: string; schema: string; stopFlags: string[]; errorCode: string; errorText: RegExp; flags: string[]; rejects: Record<string, unknown[]> }[] = [
  {
    file: 'pgloader__bad-utf8.db',
    schema: 'bad_utf8',
    stopFlags: ['--strict-types'],
    errorCode: 'MAP_MIXED_TYPES',
    errorText: /files\.filename: 1 BLOB value that is not valid UTF-8 text in a text column — fix: --cast 'column files\.filename to bytea'/,
    flags: ['--strict-types', '--on-error', 'skip-row', '--allow-rejects'],
    rejects: { 'files.ndjson': [{ rowid: 2, column: 'filename', value: "x'66696c65966e616d652e747874' (13 bytes)", reason: 'BLOB that is not valid UTF-8 text (byte 0x96 at offset 4) in a text column' }] },
  },
  {
    file: 'pgloader__type-mismatch.db',
    schema: 'type_mismatch',
    stopFlags: ['--strict-types'],
    errorCode: 'MAP_MIXED_TYPES',
    errorText: /products\.qty: 1 text value in an integer column — fix: --cast 'column products\.qty to text'/,
    flags: ['--strict-types', '--on-error', 'skip-row', '--allow-rejects'],
    rejects: { 'products.ndjson': [{ rowid: 2, column: 'qty', value: '"lots-of-it"', reason: 'text "lots-of-it" in an integer column' }] },
  },
  {
    file: 'pgloader__sqlite.db',
    schema: 'quirks',
    stopFlags: ['--strict-types'],
    errorCode: 'MAP_MIXED_TYPES',
    errorText: /autoinc\.id: 3 NULL value\(s\) in a primary key column[\s\S]*intege\.id: 1 text value and 1 fractional value in an integer column/,
    flags: ['--strict-types', '--cast', 'column intege.id to text', '--on-error', 'skip-row', '--allow-rejects'],
    rejects: {
      'autoinc.ndjson': [1, 2, 3].map((rowid) => ({ rowid, column: 'id', value: 'NULL', reason: 'NULL in a NOT NULL (primary key) column' })),
    },
  },
];

describe.each(cases)('$file', (c) => {
  it(`stops with a clear error${c.stopFlags.length ? ` with ${c.stopFlags.join(' ')}` : ' by default'} and changes nothing`, async () => {
    const out = await runCli(['migrate', 'sqlite-to-pg', corpus(c.file), '--to', pg.url, '--schema', c.schema, '--json', ...c.stopFlags]);
    expect(out.code).toBe(1);
    const err = out.events.find((e) => e.type === 'error')!;
    expect(err.code).toBe(c.errorCode);
    expect(String(err.message)).toMatch(c.errorText);
    const tables = await pg.client.query(`SELECT 1 FROM pg_tables WHERE schemaname = $1`, [c.schema]);
    expect(tables.rowCount).toBe(0);
  });

  it('completes with the documented flags; the reject files list exactly the bad rows; verify passes', async () => {
    const rejectDir = dirs.path(c.schema);
    const out = await runCli(['migrate', 'sqlite-to-pg', corpus(c.file), '--to', pg.url, '--schema', c.schema, '--json', '--reject-dir', rejectDir, ...c.flags]);
    expect(out.code, out.stderr).toBe(0);
    const summary = out.events.find((e) => e.type === 'summary')!;
    const expected = Object.values(c.rejects).reduce((n, r) => n + r.length, 0);
    expect(summary.rejected).toBe(expected);
    expect(rejects(rejectDir)).toEqual(c.rejects);
    const verify = await runCli(['migrate', 'verify', corpus(c.file), '--to', pg.url, '--schema', c.schema, '--json']);
    expect(verify.code, verify.stdout).toBe(0);
  });
});

describe.each(cases.filter((c) => c.stopFlags.length > 0))('$file by default', (c) => {
  it('migrates every row, with a type that carries each value, and verify passes', async () => {
    const s = `${c.schema}_default`;
    const out = await runCli(['migrate', 'sqlite-to-pg', corpus(c.file), '--to', pg.url, '--schema', s, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const summary = out.events.find((e) => e.type === 'summary')!;
    expect(summary.rejected).toBe(0);
    expect((summary.warnings as { message: string }[]).some((w) => w.message.includes('which carries every value'))).toBe(true);
    const verify = await runCli(['migrate', 'verify', corpus(c.file), '--to', pg.url, '--schema', s, '--json']);
    expect(verify.code, verify.stdout).toBe(0);
  });
});

describe('catdb migrate verify', () => {
  it('detects one changed value and names the table and the row by primary key (exit 3)', async () => {
    const file = writeSqlite(dirs.path('v.db'), (db) => {
      db.exec(`CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price REAL);
               WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) INSERT INTO item SELECT x, 'item ' || x, x / 4.0 FROM c;
               CREATE TABLE other (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID; INSERT INTO other VALUES ('a', 1), ('b', 2)`);
    });
    const migrated = await runCli(['migrate', 'sqlite-to-pg', file, '--to', pg.url, '--schema', 'vdiff', '--json']);
    expect(migrated.code, migrated.stderr).toBe(0);
    const clean = await runCli(['migrate', 'verify', file, '--to', pg.url, '--schema', 'vdiff']);
    expect(clean.code).toBe(0);
    await pg.client.query(`UPDATE vdiff.item SET price = 1000.25 WHERE id = 4321`);
    const out = await runCli(['migrate', 'verify', file, '--to', pg.url, '--schema', 'vdiff', '--json']);
    expect(out.code).toBe(3);
    const summary = out.events.find((e) => e.type === 'verify-summary') as { tables: { table: string; ok: boolean; differences?: unknown[] }[] };
    expect(summary.tables.filter((t) => !t.ok).map((t) => [t.table, t.differences])).toEqual([['item', [{ key: '(4321)', problem: 'values differ' }]]]);
    const text = await runCli(['migrate', 'verify', file, '--to', pg.url, '--schema', 'vdiff']);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/DIFF item:[^\n]*\n\s+key \(4321\): values differ/);
    expect(text.stderr).toContain('Verification failed for item');
  });
});
