import { kindForPgType } from '../codec/codec-for.js';
import { columnCodecs, type ColumnCodec } from '../codec/column-codec.js';
import type { TargetColumn } from '../pg/target-table.js';

/**
 * Codecs built from the target's actual column types (format_type), so verification
 * and data-only loads follow what PostgreSQL holds, not what catdb would have planned.
 * Returns undefined for a type catdb cannot compare.
 */
export function codecForTargetColumn(source: string, target: TargetColumn, nul: 'error' | 'strip' = 'error'): ColumnCodec | undefined {
  const column = columnForTarget(source, target);
  return column ? columnCodecs([column], nul)[0] : undefined;
}

/**
 * The column description codecForTargetColumn builds its codec from (kind, base type,
 * length and numeric limits of the target type), for code that keeps it to build the same
 * codec later. Undefined for a type catdb cannot compare.
 */
export function columnForTarget(source: string, target: Pick<TargetColumn, 'name' | 'type' | 'notNull'>): Parameters<typeof columnCodecs>[0][number] | undefined {
  const kind = kindForPgType(target.type);
  if (!kind) return undefined;
  const varchar = /^character varying\((\d+)\)$/.exec(target.type) ?? /^character\((\d+)\)$/.exec(target.type);
  const numeric = /^numeric\((\d+),(\d+)\)$/.exec(target.type);
  const base = target.type.replace(/\(.*\)/, '').trim();
  return {
    source,
    target: target.name,
    kind,
    pgType: base,
    notNull: target.notNull,
    ...(varchar ? { maxLength: Number(varchar[1]) } : {}),
    ...(numeric ? { precision: Number(numeric[1]), scale: Number(numeric[2]) } : {}),
  };
}
