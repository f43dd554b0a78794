import type { PlanWarning, TypeDecision } from './migration-plan.js';

/** How a type decision reads among the plan's warnings (what the CLI prints and --json carries). */
export function decisionWarning(d: TypeDecision): PlanWarning {
  return {
    object: `${d.table}.${d.column}`,
    message: `declared ${d.declaredType.trim() || '(no type)'} (→ ${d.declaredAs}) but holds ${d.reason}: migrated as ${d.pgType}, which carries every value; ${d.cast} pins this, --strict-types stops instead`,
  };
}
