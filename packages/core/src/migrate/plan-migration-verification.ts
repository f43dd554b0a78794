import { columnCodecs } from '../codec/column-codec.js';
import { isFloat4Type } from '../codec/value-kind.js';
import type { MigrationPlan } from '../plan/migration-plan.js';
import { planVerification, type VerificationPlan } from '../verify/plan-verification.js';
import type { MigrateOptions } from './migrate-options.js';

/**
 * How a migration verifies the tables it loaded: `plan` is the one the load applied (see
 * planAfterLoad), `loadedBytes` what the load wrote per source table (none for a table an
 * earlier run loaded).
 */
export function planMigrationVerification(plan: MigrationPlan, options: Pick<MigrateOptions, 'onError' | 'nul' | 'fastPath'>, loadedBytes: ReadonlyMap<string, number>): VerificationPlan {
  const subjects = plan.tables.map((t) => {
    // float4 targets print float4's shortest text, which only the JavaScript path computes.
    const float4 = t.columns.some((c) => c.kind === 'float' && isFloat4Type(c.pgType));
    const bytes = loadedBytes.get(t.source);
    return {
      source: t.source,
      target: t.target,
      readKey: t.readKey,
      codecs: columnCodecs(t.columns, options.nul),
      canonical: float4 ? undefined : t.columns.map((c) => ({ source: c.source, kind: c.kind, notNull: c.notNull, ...(c.scale !== undefined ? { scale: c.scale } : {}) })),
      rows: t.rowCount,
      ...(bytes !== undefined ? { bytes } : {}),
    };
  });
  // Value-by-value checks are needed where rows were skipped or text was changed on purpose.
  return planVerification(plan.schema, subjects, { sqlSide: options.onError !== 'skip-row' && options.nul !== 'strip' && options.fastPath !== false });
}
