import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSqliteToPg } from '@catdb/core';
import { LEAN_PROFILE_ROWS } from '../support/core-internals.js';
import { scratchDatabaseFactory } from '../support/scratch-database.js';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';

const Database = loadBetterSqlite3();

// SQLite stores whatever bytes it is given as TEXT; PostgreSQL text refuses invalid UTF-8
// and NUL. A big table is planned from a lean profile that cannot see them, so the load
// meets them: the column must become bytea holding the stored bytes, never lose the row.
const dir = mkdtempSync(join(tmpdir(), 'catdb-text-bytes-'));
const file = join(dir, 'names.sqlite');
const rows = LEAN_PROFILE_ROWS + 300;
const badRow = rows - 11;
const nulRow = 77;
const freshDatabase = scratchDatabaseFactory();

beforeAll(() => {
  const db = new Database(file);
  db.exec('CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT, label TEXT, plain TEXT)');
  const ins = db.prepare('INSERT INTO names VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= rows; i++) ins.run(i, `name ${i}`, i === nulRow ? 'a\u0000b' : `label ${i}`, 'same');
  })();
  // Latin-1 bytes stored as TEXT, as an old importer would have left them.
  db.prepare("UPDATE names SET name = CAST(x'4dfc6c6c6572' AS TEXT) WHERE id = ?").run(badRow);
  db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('text PostgreSQL cannot store, in a table planned from a lean profile', () => {
  it.each([
    ['the SQLite-rendered load', {}],
    ['the value-by-value load', { fastPath: false }],
  ])('%s makes those columns bytea with the stored bytes, keeps the others text, and verifies', async (_name, options) => {
    const pg = await freshDatabase('textbytes');
    const result = await migrateSqliteToPg({ source: file, target: pg.url, ...options });
    expect(result.rows).toBe(rows);
    expect(result.verification?.ok).toBe(true);
    expect(result.loadDecisions.flatMap((d) => (d.kind === 'column' ? [`${d.column} → ${d.pgType}: ${d.reason}`] : [])).sort()).toEqual([
      'label → bytea: 1 text value holding NUL (U+0000) in a text column',
      'name → bytea: 1 text value with bytes that are not valid UTF-8 in a text column',
    ]);
    const c = await pg.connect();
    try {
      const types = await c.query<{ attname: string; t: string }>(`SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'public.names'::regclass AND attnum > 0`);
      expect(Object.fromEntries(types.rows.map((r) => [r.attname, r.t]))).toEqual({ id: 'integer', name: 'bytea', label: 'bytea', plain: 'text' });
      const bytes = await c.query<{ id: number; name: string; label: string }>(`SELECT id, encode(name, 'hex') AS name, encode(label, 'hex') AS label FROM public.names WHERE id IN ($1, $2, 1) ORDER BY id`, [nulRow, badRow]);
      const hex = (s: string): string => Buffer.from(s).toString('hex');
      expect(bytes.rows).toEqual([
        { id: 1, name: hex('name 1'), label: hex('label 1') },
        { id: nulRow, name: hex(`name ${nulRow}`), label: '610062' },
        { id: badRow, name: '4dfc6c6c6572', label: hex(`label ${badRow}`) },
      ]);
    } finally {
      await c.end();
    }
  });

  it('--strict-types stops at the first such value, naming table, column and rowid', async () => {
    const pg = await freshDatabase('textbytes');
    const err = await migrateSqliteToPg({ source: file, target: pg.url, strictTypes: true }).then(
      () => undefined,
      (e: unknown) => e as { code: string; details: Record<string, unknown> },
    );
    expect(err?.code).toBe('COPY_VALUE_REJECTED');
    expect(err?.details).toMatchObject({ table: 'names' });
    expect([nulRow, badRow]).toContain(Number(err?.details.key));
  });
});
