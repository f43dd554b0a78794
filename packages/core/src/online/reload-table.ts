import type pg from 'pg';
import type { ColumnCodec } from '../codec/column-codec.js';
import { copyTable } from '../copy/copy-table.js';
import { quoteQualified } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { FollowTable } from './follow-plan.js';
import type { QuietTriggers } from './quiet-triggers.js';

/**
 * Copies a table the target cannot address row by row (no primary key) again, whole, from
 * `db` as it is now: DELETE and COPY in one transaction, with the COPY path's encoders, with
 * the table's triggers `quiet` for that transaction as a round has them.
 */
export async function reloadTable(db: SqliteDatabase, client: pg.Client, schema: string, table: FollowTable, codecs: ColumnCodec[], quiet: QuietTriggers, signal?: AbortSignal): Promise<number> {
  const out = await copyTable(client, db, {
    schema,
    source: table.source,
    target: table.target,
    readKey: table.readKey,
    codecs,
    before: [...quiet.off, `DELETE FROM ${quoteQualified(schema, table.target)}`],
    after: () => quiet.on.map((text) => ({ text })),
    freeze: false,
    ...(signal ? { signal } : {}),
  });
  return out.rows;
}
