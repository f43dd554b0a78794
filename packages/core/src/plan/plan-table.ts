import { CatdbError } from '../errors.js';
import type { CastRule } from '../mapping/cast-rules.js';
import { mapColumn } from '../mapping/map-column.js';
import { mapDefault } from '../translate/map-default.js';
import type { ColumnProfile } from '../sqlite/column-profile.js';
import type { SqliteTable } from '../sqlite/sqlite-schema.js';
import { planColumnNames } from './column-names.js';
import { decisionWarning } from './decision-warning.js';
import type { IdentifierMode } from '../pg/fold-identifier.js';
import type { ColumnPlan, MigrationPlan, TablePlan } from './migration-plan.js';

/**
 * The plan of one table (`target`: its PostgreSQL name): target names, column types chosen from the declarations and the
 * data profile (decisions and problems go to `plan`), key, serial column. Pure.
 */
export function planTable(table: SqliteTable, target: string, profile: ReadonlyMap<string, ColumnProfile> | undefined, rules: readonly CastRule[], mode: IdentifierMode, plan: MigrationPlan, strictTypes: boolean): TablePlan {
  // SQLite lets a key other than INTEGER PRIMARY KEY hold NULLs; a UNIQUE constraint keeps them (and keeps them distinct).
  const keyNulls = table.primaryKey.filter((c) => (profile?.get(c)?.nulls ?? 0) > 0);
  const nullableKey = keyNulls.length > 0 && !strictTypes;
  const { targets, renames } = planColumnNames(table.columns.map((c) => c.name), mode);
  for (const r of renames) {
    if (r.system) {
      if (strictTypes) {
        throw new CatdbError('MAP_IDENTIFIER_COLLISION', `Column "${r.source}" of table "${table.name}" becomes "${r.clash}", the name of a PostgreSQL system column, which no table column can have`, {
          hint: 'Rename the column in SQLite (ALTER TABLE … RENAME COLUMN), or run without --strict-types to let catdb name it.',
          details: { table: table.name, column: r.source, target: r.clash },
        });
      }
      plan.warnings.push({ object: `${table.name}.${r.source}`, message: `column named "${r.target}" in PostgreSQL: "${r.clash}" is the name of a PostgreSQL system column, which no table column can have; --strict-types stops instead` });
      continue;
    }
    if (strictTypes) {
      throw new CatdbError('MAP_IDENTIFIER_COLLISION', `Columns "${r.keeps}" and "${r.source}" of table "${table.name}" both become "${r.clash}" in PostgreSQL`, {
        hint: 'PostgreSQL keeps only the first 63 bytes of a name. Rename one of the columns in SQLite (ALTER TABLE … RENAME COLUMN), or run without --strict-types to let catdb name it.',
        details: { table: table.name, first: r.keeps, second: r.source, target: r.clash },
      });
    }
    plan.warnings.push({ object: `${table.name}.${r.source}`, message: `column named "${r.target}" in PostgreSQL: it and "${r.keeps}" are equal in their first 63 bytes ("${r.clash}"), all PostgreSQL keeps of a name; --strict-types stops instead` });
  }
  const columns: ColumnPlan[] = table.columns.map((column, i) => {
    const name = targets[i]!;
    const p = profile?.get(column.name);
    const mapping = mapColumn(table, column, p, rules, { strictTypes });
    const cp: ColumnPlan = {
      source: column.name,
      target: name,
      declaredType: column.declaredType,
      pgType: mapping.pgType,
      kind: mapping.kind,
      notNull: column.notNull || (table.primaryKey.includes(column.name) && !(nullableKey && keyNulls.includes(column.name))),
      rule: mapping.rule,
      notes: [...mapping.notes],
      ...(mapping.decision ? { decided: true } : {}),
      ...(mapping.userCast ? { userCast: true } : {}),
    };
    const limits = /^varchar\((\d+)\)$/.exec(mapping.pgType);
    if (limits) cp.maxLength = Number(limits[1]);
    const numeric = /^numeric\((\d+),(\d+)\)$/.exec(mapping.pgType);
    if (numeric) {
      cp.precision = Number(numeric[1]);
      cp.scale = Number(numeric[2]);
    }
    if (column.generated) {
      cp.notes.push(`generated column (${column.generated.expression}) kept as a plain column with its values`);
      plan.warnings.push({ object: `${table.name}.${column.name}`, message: 'generated column migrated as a plain column holding the computed values', sql: column.generated.expression });
    }
    if (!mapping.serial) {
      const d = mapDefault(column.defaultSql, mapping.kind);
      if ('sql' in d) cp.defaultSql = d.sql;
      else if ('dropped' in d) plan.warnings.push({ object: `${table.name}.${column.name}`, message: `default dropped (${d.reason})`, sql: d.dropped });
    }
    if (mapping.problem) plan.problems.push({ table: table.name, column: column.name, message: mapping.problem.message, fix: mapping.problem.fix });
    if (mapping.decision) {
      const decision = { table: table.name, column: column.name, declaredType: column.declaredType, pgType: mapping.pgType, ...mapping.decision };
      plan.decisions.push(decision);
      plan.warnings.push(decisionWarning(decision));
    }
    if (!nullableKey && keyNulls.includes(column.name)) {
      plan.problems.push({ table: table.name, column: column.name, message: `${p!.nulls} NULL value(s) in a primary key column (SQLite allows them outside INTEGER PRIMARY KEY; PostgreSQL does not)`, fix: '--on-error skip-row (rejects those rows) or give them keys in SQLite' });
    }
    return cp;
  });
  const tp: TablePlan = {
    source: table.name,
    target,
    rowCount: table.rowCount,
    readKey: table.withoutRowid ? { kind: 'columns', columns: [...table.primaryKey] } : { kind: 'rowid' },
    columns,
  };
  if (table.primaryKey.length > 0) tp.primaryKey = { name: '', columns: table.primaryKey.map((c) => columns.find((x) => x.source === c)!.target), ...(nullableKey ? { nullable: true } : {}) };
  if (nullableKey) {
    const counts = keyNulls.map((c) => `${profile!.get(c)!.nulls} in ${c}`).join(', ');
    plan.warnings.push({ object: table.name, message: `primary key (${table.primaryKey.join(', ')}) holds NULLs (${counts}), which SQLite allows outside INTEGER PRIMARY KEY: created as a UNIQUE constraint, whose NULLs are distinct as in SQLite; --strict-types stops instead` });
  }
  const serial = columns.find((c) => c.source === table.rowidAlias && /serial/.test(c.pgType));
  if (serial) tp.serialColumn = { target: serial.target, ...(table.sequenceValue !== undefined ? { sqliteSequence: table.sequenceValue } : {}) };
  return tp;
}
