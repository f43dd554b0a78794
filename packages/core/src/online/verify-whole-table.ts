import type pg from 'pg';
import type { ColumnCodec } from '../codec/column-codec.js';
import { isFloat4Type } from '../codec/value-kind.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { renderSqlCanonicalQuery } from '../verify/render-sql-canonical.js';
import type { ChecksumAlgorithm } from '../verify/row-checksum.js';
import { verifyTable } from '../verify/verify-table.js';
import type { TableVerification } from '../verify/table-verification.js';
import type { FollowTable } from './follow-plan.js';

/**
 * Count and checksum of a whole table, SQLite (as `db` sees it) against the target: the
 * check `migrate verify` makes, with the SQL-side source checksum where the columns allow
 * it (as the copy's own verification chooses it).
 */
export function verifyWholeTable(db: SqliteDatabase, client: pg.Client, schema: string, table: FollowTable, codecs: ColumnCodec[], algorithm: ChecksumAlgorithm, signal?: AbortSignal): Promise<TableVerification> {
  const float4 = table.columns.some((c) => c.kind === 'float' && isFloat4Type(c.pgType));
  const sqlCanonical = float4
    ? undefined
    : renderSqlCanonicalQuery(
        table.source,
        table.columns.map((c) => ({ source: c.source, kind: c.kind, notNull: c.notNull, ...(c.scale !== undefined ? { scale: c.scale } : {}) })),
        table.readKey,
      );
  return verifyTable(db, client, { schema, source: table.source, target: table.target, readKey: table.readKey, codecs, algorithm, ...(sqlCanonical ? { sqlCanonical } : {}), ...(signal ? { signal } : {}) });
}
