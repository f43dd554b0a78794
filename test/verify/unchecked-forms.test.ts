import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { migrateSqliteToPg, type MigrateResult, verifyMigration } from '@catdb/core';
import { checksumSql, pgRowText, quoteQualified, renderSqlCanonicalQuery, sqliteChecksum } from '../support/core-internals.js';
import { useScratchDatabase } from '../support/scratch-database.js';

const Database = loadBetterSqlite3();

// The SQL side prints integers, text and timestamps without checking their forms: a value
// it prints differently from PostgreSQL fails its sum, and the table is checked again value
// by value. These values load correctly but print differently from SQLite.
const dir = mkdtempSync(join(tmpdir(), 'catdb-unchecked-'));
const file = join(dir, 'unchecked.sqlite');
const target = useScratchDatabase('unchecked');
let result: MigrateResult;

beforeAll(async () => {
  const db = new Database(file);
  // Minutes without seconds load as HH:MM:00, which SQLite does not print.
  db.exec('CREATE TABLE readings (id INTEGER PRIMARY KEY, n INTEGER, at DATETIME)');
  const insert = db.prepare('INSERT INTO readings VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= 600; i++) insert.run(i, i * 3, i % 3 === 0 ? `2024-05-0${(i % 9) + 1} 10:${String(i % 60).padStart(2, '0')}` : `2024-05-0${(i % 9) + 1} 10:00:00`);
  })();
  db.close();
  result = await migrateSqliteToPg({ source: file, target: target.url });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verification of forms the SQL side does not check', () => {
  it('fails the SQL-side sum where SQLite prints a value differently (10:07 against 10:07:00)', async () => {
    const t = result.plan.tables.find((x) => x.source === 'readings')!;
    expect(t.columns.find((c) => c.source === 'at')?.kind).toBe('timestamptz');
    const q = renderSqlCanonicalQuery('readings', t.columns.map((c) => ({ source: c.source, kind: c.kind, notNull: c.notNull })), t.readKey)!;
    const db = new Database(file, { readonly: true });
    try {
      const source = sqliteChecksum(db, q, 'lookup3')!;
      await target.client.query("SET TimeZone = 'UTC'");
      const { rows } = await target.client.query<{ n: string; s: string }>(checksumSql(pgRowText(t.columns), quoteQualified(result.plan.schema, t.target), 'lookup3'));
      expect(source.count).toBe(600);
      expect(source.sum).not.toBe(rows[0]!.s);
    } finally {
      db.close();
    }
  });

  it('still verifies the table, value by value, in the migration and in `migrate verify`', async () => {
    expect(result.verification?.ok).toBe(true);
    expect(result.verification?.tables.find((t) => t.table === 'readings')?.ok).toBe(true);
    const again = await verifyMigration({ source: file, target: target.url });
    expect(again.ok).toBe(true);
  });

  it('reports a real difference after checking it value by value', async () => {
    await target.client.query('UPDATE readings SET n = n + 1 WHERE id = 7');
    try {
      const again = await verifyMigration({ source: file, target: target.url });
      expect(again.ok).toBe(false);
      const readings = again.tables.find((t) => t.table === 'readings')!;
      expect(readings.ok).toBe(false);
      expect(readings.differences).toEqual([{ key: '(7)', problem: 'values differ' }]);
    } finally {
      await target.client.query('UPDATE readings SET n = n - 1 WHERE id = 7');
    }
  });
});
