/**
 * Worker thread that renders COPY chunks with its own read-only SQLite connection, so
 * rendering uses more than one core. Used only where every connection sees the same
 * data: a rollback-journal database whose SHARED lock (held by the main connection for
 * the whole migration) keeps writers from committing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { SCAN_CACHE_KIB } from '../sqlite/open-sqlite.js';
import { readSqlChunks, type SqlChunkQueries } from '../sqlite/read-sql-chunks.js';
import type { SqliteTable } from '../sqlite/sqlite-schema.js';
import { profileTable, type ProfileOptions } from '../sqlite/profile-table.js';
import type { SqlCanonicalQuery } from './render-sql-canonical.js';
import type { ChecksumAlgorithm } from './row-checksum.js';
import { sqliteChecksum, type RowidRange } from './sqlite-checksum.js';

interface CopyJob {
  type: 'copy';
  id: number;
  queries: SqlChunkQueries;
  limit: number;
}
interface ProfileJob {
  type: 'profile';
  id: number;
  table: SqliteTable;
  options: ProfileOptions;
}
interface ChecksumJob {
  type: 'checksum';
  id: number;
  query: SqlCanonicalQuery;
  algorithm: ChecksumAlgorithm;
  range?: RowidRange;
}
type Message = CopyJob | ChecksumJob | ProfileJob | { type: 'credit'; id: number } | { type: 'cancel'; id: number };

const port = parentPort!;
const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true, timeout: 5000 });
db.pragma(`cache_size = -${SCAN_CACHE_KIB}`);
db.exec('BEGIN');
db.prepare('SELECT count(*) FROM sqlite_master').get();

const credits = new Map<number, number>();
const waiters = new Map<number, () => void>();
const cancelled = new Set<number>();

port.on('message', (m: Message) => {
  if (m.type === 'copy') void run(m);
  else if (m.type === 'checksum') answer(m.id, () => sqliteChecksum(db, m.query, m.algorithm, m.range) ?? null);
  else if (m.type === 'profile') answer(m.id, () => profileTable(db, m.table, m.options));
  else if (m.type === 'credit') {
    credits.set(m.id, (credits.get(m.id) ?? 0) + 1);
    waiters.get(m.id)?.();
  } else if (m.type === 'cancel') {
    cancelled.add(m.id);
    waiters.get(m.id)?.();
  }
});
port.postMessage({ type: 'ready' });

/** Runs a one-message job and posts its result, or its error. */
function answer(id: number, compute: () => unknown): void {
  try {
    port.postMessage({ type: 'result', id, result: compute() });
  } catch (err) {
    port.postMessage({ type: 'error', id, message: (err as Error).message, code: (err as { code?: string }).code });
  }
}

async function run(job: CopyJob): Promise<void> {
  try {
    const chunks = readSqlChunks(db, job.queries, job.limit);
    credits.set(job.id, credits.get(job.id) ?? 2);
    for (;;) {
      // Wait for a credit before reading: a chunk is rendered only when the loader can take it.
      while ((credits.get(job.id) ?? 0) <= 0 && !cancelled.has(job.id)) await new Promise<void>((r) => waiters.set(job.id, r));
      if (cancelled.has(job.id)) break;
      const chunk = chunks.next();
      if (chunk.done) break;
      const { data, n } = chunk.value;
      credits.set(job.id, credits.get(job.id)! - 1);
      // Hand the driver's own buffer over when it is exactly the chunk (no copy, and nothing
      // left behind for this thread's garbage collector); otherwise copy into one that is.
      const owned = data.byteOffset === 0 && data.buffer.byteLength === data.length;
      const out = owned ? new Uint8Array(data.buffer) : Uint8Array.from(data);
      port.postMessage({ type: 'chunk', id: job.id, n, data: out }, [out.buffer as ArrayBuffer]);
    }
    port.postMessage({ type: 'end', id: job.id });
  } catch (err) {
    port.postMessage({ type: 'error', id: job.id, message: (err as Error).message, code: (err as { code?: string }).code });
  } finally {
    credits.delete(job.id);
    waiters.delete(job.id);
    cancelled.delete(job.id);
  }
}
