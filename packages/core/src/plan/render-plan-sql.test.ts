import { describe, expect, it } from 'vitest';
import type { MigrationPlan } from './migration-plan.js';
import { renderPlanSql } from './render-plan-sql.js';

/** The script as PostgreSQL's lexer sees it, with comments, literals and quoted names blanked out. */
function executableText(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n' && sql[i] !== '\r') i++;
      out += '\n';
    } else if (c === "'" || c === '"') {
      for (i++; i < sql.length && !(sql[i] === c && sql[i + 1] !== c); i++) if (sql[i] === c) i++;
      out += ' Q ';
    } else out += c;
  }
  return out;
}

const breaks = ['\n', '\r', '\r\n', '\u2028', '\u0085', '\v'];

describe('renderPlanSql', () => {
  it.each(breaks)('keeps source text containing %j inside its comments', (nl) => {
    const evil = `x${nl}DROP TABLE pwned; --`;
    const plan: MigrationPlan = {
      source: `/data/app${nl}DROP TABLE pwned;.db`,
      schema: 'public',
      identifiers: 'lower',
      tables: [
        {
          source: evil,
          target: evil.toLowerCase(),
          rowCount: 1,
          readKey: { kind: 'rowid' },
          columns: [{ source: evil, target: 'c', declaredType: `INT${nl}DROP TABLE pwned`, pgType: 'bigint', kind: 'integer', notNull: false, rule: `affinity INTEGER of "INT${nl}DROP TABLE pwned" → bigint`, notes: [`generated column (a${nl}DROP TABLE pwned) kept`] }],
        },
      ],
      postLoad: [],
      views: [],
      triggers: [],
      skipped: [{ name: evil, reason: `view not translated: it holds a statement separator (;)`, sql: `CREATE VIEW v AS SELECT 1;${nl}DROP TABLE pwned` }],
      warnings: [{ object: evil, message: `default dropped${nl}DROP TABLE pwned`, sql: `1${nl}DROP TABLE pwned` }],
      problems: [{ table: evil, column: evil, message: `bad${nl}DROP TABLE pwned`, fix: `--cast${nl}DROP TABLE pwned` }],
    };
    const script = renderPlanSql(plan);
    expect(script).toContain('-- Not migrated:');
    expect(script).toContain('-- Stops the migration unless fixed');
    expect(executableText(script)).not.toMatch(/pwned/i);
    // The statements themselves are all catdb's own.
    expect(executableText(script).split(/[\n;]/).map((s) => s.trim()).filter(Boolean)).toEqual([
      'CREATE SCHEMA IF NOT EXISTS  Q',
      'CREATE TABLE  Q . Q  (',
      'Q  bigint',
      ')',
      'ANALYZE',
    ]);
  });

  it('names tables and columns quoted in its comments', () => {
    const plan: MigrationPlan = {
      source: 'app.db', schema: 'app', identifiers: 'lower', postLoad: [], views: [], triggers: [], skipped: [], warnings: [], problems: [],
      tables: [{ source: 'Order Details', target: 'order details', rowCount: 2, readKey: { kind: 'rowid' }, columns: [{ source: 'Qty', target: 'qty', declaredType: 'INTEGER', pgType: 'bigint', kind: 'integer', notNull: true, rule: 'r', notes: [] }] }],
    };
    const script = renderPlanSql(plan);
    expect(script).toContain('-- "Order Details" → "order details": 2 rows');
    expect(script).toContain('--   "Qty" INTEGER → bigint  [r]');
    expect(script).toContain('-- COPY "app"."order details" FROM STDIN (2 rows)');
  });
});
