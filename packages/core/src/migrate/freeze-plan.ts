import type { MigrationPlan } from '../plan/migration-plan.js';

/**
 * Freezes `plan` and everything in it, so that a step that tried to change it fails at once
 * (a TypeError in strict code) instead of making a run apply a plan other than the one shown.
 */
export function freezePlan(plan: MigrationPlan): Readonly<MigrationPlan> {
  deepFreeze(plan);
  return plan;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
