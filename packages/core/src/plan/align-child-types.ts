import type { ColumnProfile } from '../sqlite/column-profile.js';
import type { TablePlan } from './migration-plan.js';

/**
 * A child column referencing a serial key gets the key's width (integer, not bigint)
 * when its values fit, as a hand-written schema would have it.
 */
export function alignChildTypes(child: TablePlan, childCols: string[], parent: TablePlan, parentCols: string[], profile: ReadonlyMap<string, ColumnProfile> | undefined): void {
  childCols.forEach((name, i) => {
    const c = child.columns.find((x) => x.target === name);
    const p = parent.columns.find((x) => x.target === parentCols[i]);
    if (!c || !p || c.kind !== 'integer' || c.pgType !== 'bigint' || p.pgType !== 'serial' || c.userCast) return;
    const prof = profile?.get(c.source);
    const fits = !prof || ((prof.minInteger === null || prof.minInteger >= -2147483648n) && (prof.maxInteger === null || prof.maxInteger <= 2147483647n));
    if (fits) {
      c.pgType = 'integer';
      c.notes.push(`integer like the serial key it references (${parent.target}.${p.target})`);
    }
  });
}
