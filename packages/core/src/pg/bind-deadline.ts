import type pg from 'pg';
import { CatdbError } from '../errors.js';

export interface ClientDeadline {
  /** What the client talks to, as messages name it: `PostgreSQL at host:port`. */
  target: string;
  /** Milliseconds until connected (libpq's connect_timeout). */
  connectMs?: number | undefined;
  /** Milliseconds until the client ends: connecting and every query. */
  totalMs?: number | undefined;
  /** Cuts the connection attempt; with `totalMs`, every query until the client ends too. */
  signal?: AbortSignal | undefined;
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/**
 * Destroys `client`'s socket when a limit passes, so neither connecting nor a query can outlast it:
 * node-postgres' connectionTimeoutMillis reports its own untyped error and its query_timeout leaves
 * a stalled socket open. The pending call then fails with PG_TIMEOUT naming the target (ABORTED
 * when the signal fired). Returns the function to call once connected, which lifts `connectMs`.
 */
export function bindDeadline(client: pg.Client, deadline: ClientDeadline): () => void {
  const timers: NodeJS.Timeout[] = [];
  const cut = (err: CatdbError): void => {
    release();
    client.connection.stream.destroy(err);
  };
  const expire = (ms: number, why: string): CatdbError =>
    new CatdbError('PG_TIMEOUT', `${deadline.target} did not answer within ${seconds(ms)} (${why})`, {
      hint: 'Check that host and port lead to a live server, not a stalled host or a firewall that swallows packets; allow more time if it is only slow.',
      details: { target: deadline.target, timeoutMs: ms },
    });
  const start = (ms: number, why: string): NodeJS.Timeout => {
    const timer = setTimeout(() => cut(expire(ms, why)), Math.max(0, ms));
    // A timer must never be what keeps a finished process alive.
    timer.unref();
    timers.push(timer);
    return timer;
  };
  const onAbort = (): void => cut(new CatdbError('ABORTED', 'Operation aborted', { cause: deadline.signal?.reason }));
  const release = (): void => {
    for (const t of timers) clearTimeout(t);
    deadline.signal?.removeEventListener('abort', onAbort);
  };

  const { connectMs, totalMs } = deadline;
  const connectTimer = connectMs !== undefined && (totalMs === undefined || connectMs < totalMs) ? start(connectMs, 'connect_timeout') : undefined;
  if (totalMs !== undefined) start(totalMs, 'deadline');
  deadline.signal?.addEventListener('abort', onAbort, { once: true });
  client.once('end', release);
  return () => {
    if (connectTimer) clearTimeout(connectTimer);
    if (totalMs === undefined) deadline.signal?.removeEventListener('abort', onAbort);
  };
}
