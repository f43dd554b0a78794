import { CatdbError } from '../errors.js';
import type { MigrationPlan } from '../plan/migration-plan.js';

/** MAP_MIXED_TYPES for a plan whose types cannot carry some values (see MigrationPlan.problems). */
export function problemsError(plan: MigrationPlan): CatdbError {
  const lines = plan.problems.map((p) => `${p.table}.${p.column}: ${p.message} — fix: ${p.fix}`);
  return new CatdbError('MAP_MIXED_TYPES', `Some columns hold values their PostgreSQL type cannot carry; nothing was changed:\n  ${lines.join('\n  ')}`, {
    hint: 'Apply the suggested --cast rules, or use --on-error skip-row to leave the rows out (they are written to reject files); without --strict-types catdb picks types that carry every value.',
    details: { problems: plan.problems },
  });
}
