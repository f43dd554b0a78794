import { CatdbError } from '../errors.js';
import type { TableVerification } from '../verify/table-verification.js';

/** VERIFY_MISMATCH for the tables of a migration whose target differs from the source. */
export function verifyMismatchError(tables: readonly TableVerification[]): CatdbError {
  const bad = tables.filter((t) => !t.ok);
  return new CatdbError('VERIFY_MISMATCH', `Verification failed for ${bad.map((t) => `${t.table} (source ${t.sourceRows - t.rejected} rows, target ${t.targetRows})`).join(', ')}`, {
    hint: 'The target differs from the source. Run `catdb migrate verify` again to confirm, and check for writes to the target during the migration.',
    details: { tables: bad },
  });
}
