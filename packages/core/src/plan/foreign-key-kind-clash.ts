import type { ColumnPlan, TablePlan } from './migration-plan.js';

/**
 * Why a foreign key cannot be created once the data or a `--cast` rule chose a column's
 * type (text or bytea where the other side is an integer: PostgreSQL has no equality
 * between them), or undefined. Keys whose declared types clash are left to PostgreSQL,
 * as before, so its error names them.
 */
export function foreignKeyKindClash(child: TablePlan, childCols: readonly string[], parent: TablePlan, parentCols: readonly string[]): string | undefined {
  const chosen = (c: ColumnPlan): boolean => Boolean(c.decided || c.userCast);
  for (let i = 0; i < childCols.length; i++) {
    const c = child.columns.find((x) => x.target === childCols[i]);
    const p = parent.columns.find((x) => x.target === parentCols[i]);
    if (!c || !p || c.kind === p.kind || !(chosen(c) || chosen(p))) continue;
    const by = (x: ColumnPlan): string => (x.decided ? 'the data' : 'a --cast');
    const why = [chosen(c) ? `${by(c)} chose ${c.pgType} for ${child.source}.${c.source}` : '', chosen(p) ? `${by(p)} chose ${p.pgType} for ${parent.source}.${p.source}` : ''].filter(Boolean).join(' and ');
    return `${child.source}.${c.source} is ${c.pgType} and ${parent.source}.${p.source} is ${p.pgType} (${why}); a foreign key cannot compare them`;
  }
  return undefined;
}
