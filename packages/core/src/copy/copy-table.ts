import { Readable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CatdbError } from '../errors.js';
import { applyStatement } from '../pg/apply-statement.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import { asSourceError, type SqliteDatabase } from '../sqlite/open-sqlite.js';
import { cellReader, readRowChunks } from '../sqlite/read-row-chunks.js';
import type { ReadKey } from '../sqlite/read-key.js';
import type { ColumnCodec } from '../codec/column-codec.js';
import { planLargeValues, type LargeValuePlan } from '../codec/large-values.js';
import { walkLargeRows } from '../codec/walk-large-rows.js';
import { readSqlChunks, type SqlChunk, type SqlChunkQueries } from '../sqlite/read-sql-chunks.js';
import type { RenderPool } from '../verify/render-pool.js';
import { encodeChunk, rejectRow } from './encode-chunk.js';
import type { RejectRecord } from './reject-record.js';

/**
 * Rows per SQLite-rendered chunk: about 0.4 MB of COPY data on the benchmark tables.
 * Larger chunks were no faster and kept more memory resident in the rendering threads.
 */
const RENDER_CHUNK_ROWS = 2000;
/** Ends the last line of a SQLite-rendered chunk, which comes without it. */
const LINE_END = Buffer.from('\n');

export interface CopyTableOptions {
  schema: string;
  source: string;
  target: string;
  readKey: ReadKey;
  codecs: ColumnCodec[];
  /** Statements run in the same transaction before the COPY (DROP/CREATE/TRUNCATE). */
  before: string[];
  /**
   * Statements run in the same transaction after the COPY, before COMMIT, given what was
   * loaded (e.g. recording the table as done, so progress and rows commit together).
   */
  after?: (loaded: { rows: number; bytes: number; rejected: number }) => { text: string; values?: unknown[] }[];
  /** COPY … FREEZE: only valid when `before` created or truncated the table. */
  freeze: boolean;
  /** The caller has opened the transaction and ends it (no BEGIN/COMMIT/ROLLBACK here). Default false. */
  inTransaction?: boolean;
  signal?: AbortSignal;
  onProgress?: (rows: number, bytes: number) => void;
  onReject?: (record: RejectRecord) => void;
  /** Rows per SQLite query. */
  chunkRows?: number;
  /**
   * A query from renderSqlCopyChunkQuery: SQLite renders whole chunks as COPY CSV and the
   * rows never become JavaScript values. Values it cannot render make the COPY fail with
   * a data error; the caller then loads the table again without it.
   */
  sqlChunkQuery?: SqlChunkQueries;
  /** Worker threads that run `sqlChunkQuery` in parallel with this thread (see RenderPool). */
  renderPool?: RenderPool;
}

/**
 * Loads one table in one transaction: `before` statements, then the rows streamed
 * through COPY FROM STDIN with the socket's backpressure. Any failure or abort
 * destroys the COPY (CopyFail) and rolls back, so the table never holds part of its rows.
 */
export async function copyTable(client: pg.Client, db: SqliteDatabase, o: CopyTableOptions): Promise<{ rows: number; bytes: number; rejected: number }> {
  let rows = 0;
  let bytes = 0;
  let rejected = 0;
  const cell = cellReader(db, o.source, o.readKey);
  const ctx = { table: o.source, codecs: o.codecs, cell, ...(o.onReject ? { onReject: o.onReject } : {}) };
  const chunks = readRowChunks(db, { table: o.source, columns: o.codecs.map((c) => c.source), key: o.readKey, chunkRows: o.chunkRows ?? 2000 });
  // Async, and yielding to the event loop after every chunk: against a fast server the socket
  // never pushes back, and a synchronous source would starve I/O (Ctrl-C, other tables' sockets).
  async function* encoded(): AsyncGenerator<Buffer> {
    for (const chunk of chunks) {
      const out = encodeChunk(chunk, ctx);
      rows += out.rows;
      rejected += out.rejected;
      if (out.text.length === 0) continue;
      const buf = Buffer.from(out.text, 'utf8');
      bytes += buf.length;
      o.onProgress?.(rows, bytes);
      yield buf;
      await yieldToLoop();
    }
  }
  // Rows holding BLOBs above LARGE_VALUE_BYTES: huge values are read and written slice by slice.
  async function* encodedLarge(plan: LargeValuePlan): AsyncGenerator<Buffer> {
    const emit = (text: string, encoding: BufferEncoding = 'utf8'): Buffer => {
      const buf = Buffer.from(text, encoding);
      bytes += buf.length;
      return buf;
    };
    for await (const row of walkLargeRows(db, { table: o.source, readKey: o.readKey, codecs: o.codecs }, plan)) {
      if ('rejected' in row) {
        const { codec, value, error } = row.rejected;
        rejectRow(ctx, codec, row.key, value, error);
        rejected++;
        continue;
      }
      let line = '';
      for (const [i, field] of row.fields.entries()) {
        if (i > 0) line += '\t';
        if (field === null) line += '\\N';
        else if (typeof field === 'string') line += o.codecs[i]!.copyField(field);
        else {
          yield emit(line + '\\\\x');
          line = '';
          for (const hex of field.hexSlices()) {
            yield emit(hex, 'latin1');
            await yieldToLoop();
          }
        }
      }
      rows++;
      yield emit(line + '\n');
      o.onProgress?.(rows, bytes);
    }
  }
  /** SQLite-rendered chunks, each followed by the newline that ends its last line. */
  async function* counted(chunks: AsyncIterable<SqlChunk>): AsyncGenerator<Buffer> {
    for await (const { data, n } of chunks) {
      rows += n;
      bytes += data.length + 1;
      o.onProgress?.(rows, bytes);
      yield data;
      yield LINE_END;
    }
  }
  async function* renderedHere(queries: SqlChunkQueries): AsyncGenerator<SqlChunk> {
    for (const chunk of readSqlChunks(db, queries, o.chunkRows ?? RENDER_CHUNK_ROWS)) {
      yield chunk;
      await yieldToLoop();
    }
  }
  const columns = o.codecs.map((c) => quoteIdent(c.target)).join(', ');
  const withOptions = [...(o.sqlChunkQuery ? ['FORMAT csv'] : []), ...(o.freeze ? ['FREEZE'] : [])];
  const copySql = `COPY ${quoteQualified(o.schema, o.target)} (${columns}) FROM STDIN${withOptions.length ? ` WITH (${withOptions.join(', ')})` : ''}`;
  const large = o.sqlChunkQuery ? undefined : planLargeValues(db, o.source, o.readKey, o.codecs);
  const source = o.sqlChunkQuery ? counted(o.renderPool ? o.renderPool.chunks(o.sqlChunkQuery, o.chunkRows ?? RENDER_CHUNK_ROWS) : renderedHere(o.sqlChunkQuery)) : large ? encodedLarge(large) : encoded();
  if (!o.inTransaction) await client.query('BEGIN');
  try {
    for (const sql of o.before) await applyStatement(client, sql);
    if (o.codecs.length > 0) {
      await pipeline(Readable.from(source, { objectMode: false, highWaterMark: 1 << 20 }), client.query(copyFrom(copySql)), ...(o.signal ? [{ signal: o.signal }] : []));
    }
    for (const q of o.after?.({ rows, bytes, rejected }) ?? []) await applyStatement(client, q.text, q.values);
    if (!o.inTransaction) await client.query('COMMIT');
    return { rows, bytes, rejected };
  } catch (err) {
    if (!o.inTransaction) await client.query('ROLLBACK').catch(() => {});
    if (err instanceof CatdbError) throw err;
    // A source read failed (a corrupt page): not the server's error.
    const source = asSourceError(err, db.name);
    if (source instanceof CatdbError) throw source;
    if (o.signal?.aborted) throw new CatdbError('ABORTED', `Loading ${o.source} was interrupted; its transaction was rolled back`, { details: { table: o.source }, cause: err });
    const mapped = mapPgError(err, { what: `Loading table ${o.source} failed`, details: { table: o.source } });
    if (mapped.code === 'PG_UNREACHABLE' || mapped.code === 'PG_DISK_FULL') {
      // The table's transaction was rolled back with the connection; finished tables stay recorded.
      throw new CatdbError(mapped.code, mapped.message, { hint: `${mapped.hint} Then run the same command with --resume: tables already loaded are kept.`, details: mapped.details, cause: err });
    }
    throw mapped;
  }
}
