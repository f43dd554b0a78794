import type pg from 'pg';
import type { ColumnCodec } from '../copy/column-codec.js';
import { copyTable } from '../copy/copy-table.js';
import { quoteQualified } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { FollowTable } from './follow-plan.js';

/**
 * Copies a table the target cannot address row by row (no primary key) again, whole, from
 * `db` as it is now: DELETE and COPY in one transaction, with the COPY path's encoders.
 */
export async function reloadTable(db: SqliteDatabase, client: pg.Client, schema: string, table: FollowTable, codecs: ColumnCodec[], signal?: AbortSignal): Promise<number> {
  const out = await copyTable(client, db, {
    schema,
    source: table.source,
    target: table.target,
    readKey: table.readKey,
    codecs,
    before: [`DELETE FROM ${quoteQualified(schema, table.target)}`],
    freeze: false,
    ...(signal ? { signal } : {}),
  });
  return out.rows;
}
