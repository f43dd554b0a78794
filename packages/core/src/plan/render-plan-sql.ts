import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import { renderCreateTable } from './render-create-table.js';
import type { MigrationPlan } from './migration-plan.js';

/**
 * The whole plan as one SQL script, in execution order, with the load steps as
 * comments: what `--dry-run` prints and what a reviewer can read or run by hand.
 * Text from the source (names, declared types, SQL of what is not migrated) appears only
 * in `--` comments, each kept on one line so that it cannot end its comment.
 */
export function renderPlanSql(plan: MigrationPlan): string {
  const out: string[] = [comment(`catdb migration plan for ${plan.source}`), `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(plan.schema)};`, ''];
  if (plan.compat?.length) out.push(comment("catdb's functions for SQLite functions PostgreSQL lacks"), ...plan.compat.map((s) => `${s};`), '');
  for (const t of plan.tables) {
    out.push(comment(`${quoteIdent(t.source)} → ${quoteIdent(t.target)}: ${t.rowCount} rows`));
    for (const c of t.columns) out.push(comment(`  ${quoteIdent(c.source)} ${c.declaredType || '(no type)'} → ${c.pgType}  [${c.rule}]${c.notes.length ? '  ' + c.notes.join('; ') : ''}`));
    out.push(...renderCreateTable(plan.schema, t).map((sql) => sql + ';'), comment(`COPY ${quoteQualified(plan.schema, t.target)} FROM STDIN (${t.rowCount} rows)`), '');
  }
  for (const s of plan.postLoad) out.push(`${s.sql};`);
  if (plan.views.length) out.push('');
  for (const v of plan.views) out.push(`${v.sql};`);
  for (const t of plan.triggers) out.push('', comment(`trigger ${quoteIdent(t.name)} on ${quoteIdent(t.table)} (${t.shape})`), ...t.statements.map((sql) => `${sql};`));
  out.push('ANALYZE;');
  if (plan.warnings.length) {
    out.push('', '-- Warnings:');
    for (const w of plan.warnings) out.push(comment(`  ${w.object}: ${w.message}`), ...(w.sql ? [comment(`    ${w.sql}`)] : []));
  }
  if (plan.skipped.length) {
    out.push('', '-- Not migrated:');
    for (const s of plan.skipped) out.push(comment(`  ${s.name}: ${s.reason}`), ...(s.sql ? [comment(`    ${s.sql}`)] : []));
  }
  if (plan.problems.length) {
    out.push('', '-- Stops the migration unless fixed (or --on-error skip-row):');
    for (const p of plan.problems) out.push(comment(`  ${p.table}.${p.column}: ${p.message}`), comment(`    fix: ${p.fix}`));
  }
  return out.join('\n') + '\n';
}

/**
 * A `--` comment line. PostgreSQL ends such a comment at CR or LF; the other line breaks
 * are folded too, so that no viewer shows source text as a line of SQL of its own.
 */
function comment(text: string): string {
  return `-- ${text.replace(/[ \t]*(?:\r\n?|[\n\v\f\u0085\u2028\u2029])\s*/g, ' ')}`;
}
