import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { migrateSqliteToPg, type MigrateResult } from '../../packages/core/src/migrate/migrate-sqlite-to-pg.js';
import type { MigrateOptions } from '../../packages/core/src/migrate/migrate-options.js';
import { CatdbError } from '../../packages/core/src/errors.js';

/** A temp folder for SQLite files the tests write; `remove()` deletes it. */
export function scratchDir(prefix: string): { path: (name: string) => string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a SQLite file with `build` and closes it. */
export function writeSqlite(file: string, build: (db: Database) => void): string {
  const Db = loadBetterSqlite3();
  const db = new Db(file);
  try {
    build(db);
  } finally {
    db.close();
  }
  return file;
}

/** Runs a migration through the library; returns the result or the CatdbError it threw. */
export async function migrateOrError(options: MigrateOptions): Promise<MigrateResult | CatdbError> {
  try {
    return await migrateSqliteToPg({ jobs: 2, ...options });
  } catch (err) {
    if (err instanceof CatdbError) return err;
    throw err;
  }
}

export function expectError(value: MigrateResult | CatdbError): CatdbError {
  if (!(value instanceof CatdbError)) throw new Error(`expected a CatdbError, the migration succeeded (${value.rows} rows)`);
  return value;
}

export function expectResult(value: MigrateResult | CatdbError): MigrateResult {
  if (value instanceof CatdbError) throw new Error(`expected success, got ${value.code}: ${value.message}`);
  return value;
}
