import { renderCastOption } from '../mapping/cast-rules.js';
import type { SqliteTable } from '../sqlite/sqlite-schema.js';
import { decisionWarning } from './decision-warning.js';
import type { MigrationPlan, TablePlan, TypeDecision } from './migration-plan.js';

const NUMBER_KINDS = new Set(['integer', 'float', 'numeric']);

/**
 * Where the data made a parent key column text (codes that are numbers in some rows and
 * words in others, as in PROJ's catalog) and a child column referencing it holds only
 * numbers, the child becomes text too: SQLite compares them by value, and PostgreSQL can
 * only compare the same kinds, so the foreign key can be created. Each change is a decision
 * of the plan, with the --cast that pins it. A type a user rule chose is left alone. Runs
 * before CHECKs and indexes are translated, so they read the child's new kind.
 */
export function followParentTypes(plan: MigrationPlan, tables: readonly SqliteTable[], targetOf: ReadonlyMap<string, TablePlan>): void {
  for (const table of tables) {
    const child = targetOf.get(table.name.toLowerCase())!;
    for (const fk of table.foreignKeys) {
      const parent = targetOf.get(fk.referencedTable.toLowerCase());
      if (!parent) continue;
      const parentColumns = fk.referencedColumns.length > 0 ? fk.referencedColumns : parent.primaryKey ? parent.primaryKey.columns.map((c) => parent.columns.find((x) => x.target === c)!.source) : [];
      if (parentColumns.length !== fk.columns.length) continue;
      fk.columns.forEach((name, i) => {
        const c = child.columns.find((x) => x.source.toLowerCase() === name.toLowerCase());
        const p = parent.columns.find((x) => x.source.toLowerCase() === parentColumns[i]!.toLowerCase());
        if (!c || !p || !p.decided || p.kind !== 'text' || !NUMBER_KINDS.has(c.kind) || c.userCast || c.target === child.serialColumn?.target) return;
        const reason = `${c.pgType} values referencing ${parent.source}.${p.source}, which the data made text`;
        const decision: TypeDecision = { table: child.source, column: c.source, declaredType: c.declaredType, declaredAs: c.pgType, pgType: 'text', reason, cast: renderCastOption(child.source, c.source, 'text') };
        Object.assign(c, { pgType: 'text', kind: 'text', decided: true, rule: `${c.rule}; follows the key it references → text` });
        delete c.precision;
        delete c.scale;
        c.notes.push(`${reason}: text, so the foreign key compares like with like`);
        plan.decisions.push(decision);
        plan.warnings.push(decisionWarning(decision));
      });
    }
  }
}
