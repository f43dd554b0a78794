import type pg from 'pg';
import type { ColumnCodec } from '../codec/column-codec.js';
import { applyStatement } from '../pg/apply-statement.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import { pgNormalizer } from '../verify/pg-normalizer.js';
import { parentKeyName } from './find-orphans.js';
import type { TargetForeignKey } from './target-catalog.js';

/**
 * The keys parent tables already hold in the target, in the canonical text the scan uses,
 * for foreign keys whose parent is not loaded or keeps its existing rows. Read-only.
 * `childCodecs` gives each key column's kind (the child's codec for the same value).
 */
export async function readExistingKeys(client: pg.Client, foreignKeys: readonly TargetForeignKey[], childCodecs: (fk: TargetForeignKey) => ColumnCodec[] | undefined): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const fk of foreignKeys) {
    const name = parentKeyName(fk.parentTable, fk.parentColumns);
    const codecs = childCodecs(fk);
    if (out.has(name) || !codecs) continue;
    const expr = fk.parentColumns.map((c, i) => pgNormalizer(codecs[i]!.kind, quoteIdent(c))).join(` || E'\\x1f' || `);
    const notNull = fk.parentColumns.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' AND ');
    const res = await applyStatement<{ k: string }>(client, `SELECT ${expr} AS k FROM ${quoteQualified(fk.parentSchema, fk.parentTable)} WHERE ${notNull}`).catch((err: unknown) => {
        throw mapPgError(err, { what: `Reading the keys of ${fk.parentTable}`, details: { table: fk.parentTable } });
      });
    out.set(name, new Set(res.rows.map((r) => r.k)));
  }
  return out;
}
