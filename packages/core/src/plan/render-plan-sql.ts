import { quoteIdent } from '../pg/quote-ident.js';
import { renderCreateTable } from '../pg/render-create-table.js';
import type { MigrationPlan } from './migration-plan.js';

/**
 * The whole plan as one SQL script, in execution order, with the load steps as
 * comments: what `--dry-run` prints and what a reviewer can read or run by hand.
 */
export function renderPlanSql(plan: MigrationPlan): string {
  const out: string[] = [`-- catdb migration plan for ${plan.source}`, `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(plan.schema)};`, ''];
  for (const t of plan.tables) {
    out.push(`-- ${t.source} → ${t.target}: ${t.rowCount} rows`);
    for (const c of t.columns) out.push(`--   ${c.source} ${c.declaredType || '(no type)'} → ${c.pgType}  [${c.rule}]${c.notes.length ? '  ' + c.notes.join('; ') : ''}`);
    out.push(renderCreateTable(plan.schema, t) + ';', `-- COPY ${t.target} FROM STDIN (${t.rowCount} rows)`, '');
  }
  for (const s of plan.postLoad) out.push(`${s.sql};`);
  if (plan.views.length) out.push('');
  for (const v of plan.views) out.push(`${v.sql};`);
  out.push('ANALYZE;');
  if (plan.warnings.length) {
    out.push('', '-- Warnings:');
    for (const w of plan.warnings) out.push(`--   ${w.object}: ${w.message}${w.sql ? `\n--     ${w.sql.replaceAll('\n', '\n--     ')}` : ''}`);
  }
  if (plan.skipped.length) {
    out.push('', '-- Not migrated:');
    for (const s of plan.skipped) out.push(`--   ${s.name}: ${s.reason}`);
  }
  return out.join('\n') + '\n';
}
