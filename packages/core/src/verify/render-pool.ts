import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CatdbError } from '../errors.js';
import { mapSqliteError } from '../sqlite/open-sqlite.js';
import type { SqlChunk, SqlChunkQueries } from '../sqlite/read-sql-chunks.js';
import type { SqlCanonicalQuery } from './render-sql-canonical.js';
import type { ChecksumAlgorithm } from './row-checksum.js';
import type { RowidRange } from './sqlite-checksum.js';
import type { ColumnProfile } from '../sqlite/column-profile.js';
import type { ProfileOptions } from '../sqlite/profile-table.js';
import type { SqliteTable } from '../sqlite/sqlite-schema.js';

interface Pending {
  chunks: SqlChunk[];
  /** The answer of a one-message job (a checksum, a profile). */
  result?: unknown;
  done: boolean;
  error?: Error;
  wake?: () => void;
}

/** Where the compiled worker is: beside this file in dist, or in dist when running from src (tests). */
function workerUrl(): URL {
  const here = new URL('./render-worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/verify/render-worker-entry.js', import.meta.url);
}

/**
 * A few worker threads, each with its own read-only connection to the source, that
 * render COPY chunks in parallel with the main thread. Chunks flow with credit (two in
 * flight per table), so memory stays bounded whatever the table size.
 */
export class RenderPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: ((w: Worker) => void)[] = [];
  private readonly jobs = new Map<number, Pending>();
  private nextId = 1;
  /** Set when the signal fired: every job in flight and every later one fails with it. */
  private aborted: CatdbError | undefined;
  private signal: AbortSignal | undefined;

  private constructor(private readonly file: string) {}

  /** Worker threads in the pool. */
  get size(): number {
    return this.workers.length;
  }

  /**
   * Starts `size` workers on `file`. An aborted `signal` fails the jobs in flight at once
   * (a worker deep in a checksum would answer only at its end); `close` stops the workers.
   */
  static async open(file: string, size: number, signal?: AbortSignal): Promise<RenderPool> {
    const pool = new RenderPool(file);
    if (signal) {
      pool.signal = signal;
      signal.addEventListener('abort', pool.onAbort, { once: true });
    }
    const url = workerUrl();
    await Promise.all(
      Array.from({ length: size }, async () => {
        // Rendering allocates little on the JavaScript heap; small limits keep each thread's
        // garbage (and the process's resident memory) small.
        const w = new Worker(url, { workerData: { file }, resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } });
        await new Promise<void>((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', (err) => reject(pool.asSourceError(err)));
        });
        w.on('message', (m: { type: string; id: number; n?: number; data?: Uint8Array; message?: string; code?: string }) => pool.onMessage(m));
        w.on('error', (err) => {
          for (const job of pool.jobs.values()) {
            job.error = pool.asSourceError(err);
            job.wake?.();
          }
        });
        pool.workers.push(w);
        pool.idle.push(w);
      }),
    );
    return pool;
  }

  private readonly onAbort = (): void => {
    this.aborted = new CatdbError('ABORTED', 'Operation aborted', { cause: this.signal?.reason });
    for (const job of this.jobs.values()) {
      job.error ??= this.aborted;
      job.wake?.();
    }
    // Those waiting for a free worker get one, and find the pool aborted.
    for (const waiter of this.queue.splice(0)) waiter(this.workers[0]!);
  };

  private onMessage(m: { type: string; id: number; n?: number; data?: Uint8Array; message?: string; code?: string }): void {
    const job = this.jobs.get(m.id);
    if (!job) return;
    if (m.type === 'chunk') job.chunks.push({ data: Buffer.from(m.data!.buffer, m.data!.byteOffset, m.data!.byteLength), n: m.n ?? 0 });
    else if (m.type === 'end') job.done = true;
    else if (m.type === 'result') {
      job.result = (m as unknown as { result: unknown }).result;
      job.done = true;
    }
    else if (m.type === 'error') job.error = mapSqliteError(Object.assign(new Error(m.message), { code: m.code }), this.file);
    job.wake?.();
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(w: Worker): void {
    const waiter = this.queue.shift();
    if (waiter) waiter(w);
    else this.idle.push(w);
  }

  /** Streams the chunks of one table, rendered by a worker. */
  async *chunks(queries: SqlChunkQueries, limit: number): AsyncGenerator<SqlChunk> {
    const worker = await this.acquire();
    this.throwIfAborted(worker);
    const id = this.nextId++;
    const job: Pending = { chunks: [], done: false };
    this.jobs.set(id, job);
    worker.postMessage({ type: 'copy', id, queries, limit });
    try {
      for (;;) {
        const chunk = job.chunks.shift();
        if (chunk) {
          worker.postMessage({ type: 'credit', id });
          yield chunk;
          continue;
        }
        if (job.error) throw job.error;
        if (job.done) return;
        await new Promise<void>((r) => (job.wake = r));
        job.wake = undefined;
      }
    } finally {
      if (!job.done && !job.error) worker.postMessage({ type: 'cancel', id });
      this.jobs.delete(id);
      this.release(worker);
    }
  }

  /**
   * Checksums a table, or one rowid range of it, in a worker (see sqliteChecksum); null
   * when some value has no SQL canonical form and the table must be verified value by value.
   */
  checksum(query: SqlCanonicalQuery, algorithm: ChecksumAlgorithm, range?: RowidRange): Promise<{ count: number; sum: string } | null> {
    return this.request({ type: 'checksum', query, algorithm, ...(range ? { range } : {}) });
  }

  /** Profiles a table in a worker (see profileTable). */
  profile(table: SqliteTable, options: ProfileOptions): Promise<Map<string, ColumnProfile>> {
    return this.request({ type: 'profile', table, options });
  }

  /** Runs a job that answers with one message on the next free worker. */
  private async request<T>(message: Record<string, unknown>): Promise<T> {
    const worker = await this.acquire();
    this.throwIfAborted(worker);
    const id = this.nextId++;
    const job: Pending = { chunks: [], done: false };
    this.jobs.set(id, job);
    worker.postMessage({ ...message, id });
    try {
      while (!job.done && !job.error) {
        await new Promise<void>((r) => (job.wake = r));
        job.wake = undefined;
      }
      if (job.error) throw job.error;
      return job.result as T;
    } finally {
      this.jobs.delete(id);
      this.release(worker);
    }
  }

  /** A worker's own failure; SQLite's (opening the file in the worker) named like those of the main thread. */
  private asSourceError(err: Error): Error {
    return /^SQLITE_/.test((err as { code?: string }).code ?? '') ? mapSqliteError(err, this.file) : err;
  }

  private throwIfAborted(worker: Worker): void {
    if (!this.aborted) return;
    this.release(worker);
    throw this.aborted;
  }

  async close(): Promise<void> {
    this.signal?.removeEventListener('abort', this.onAbort);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
