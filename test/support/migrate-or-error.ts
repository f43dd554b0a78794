import { CatdbError, migrateSqliteToPg, type MigrateOptions, type MigrateResult } from '@catdb/core';

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
