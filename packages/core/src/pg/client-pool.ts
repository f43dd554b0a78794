import type pg from 'pg';
import { connect } from './connect.js';
import { prepareSession } from './prepare-session.js';
import { sendCancelRequest } from './send-cancel-request.js';
import { throwIfAborted } from '../errors.js';

/** A fixed set of prepared connections; `close` ends them all. */
export interface ClientPool {
  clients: pg.Client[];
  close(): Promise<void>;
}

/**
 * Opens `size` prepared connections. With `signal`, an abort cancels the statement each
 * connection is running (sendCancelRequest) and closes the connections, so the server stops
 * at once, rolls back what was open, and nothing more runs on them; `close` also waits
 * for those cancel requests.
 */
export async function openClientPool(url: string, size: number, signal?: AbortSignal, settings: Record<string, string> = {}): Promise<ClientPool> {
  throwIfAborted(signal);
  const clients: pg.Client[] = [];
  let cancelling: Promise<unknown> | undefined;
  const onAbort = (): void => {
    cancelling = Promise.all(clients.map((c) => sendCancelRequest(c)));
    for (const c of clients) void c.end().catch(() => {});
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const close = async (): Promise<void> => {
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await cancelling;
  };
  try {
    for (let i = 0; i < size; i++) {
      const client = await connect(url, { applicationName: 'catdb', ...(signal ? { signal } : {}) });
      clients.push(client);
      await prepareSession(client, settings);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { clients, close };
}

/**
 * Runs `work` over `items` with one worker per client; each worker takes the next item
 * when it is free. The first error stops the others from taking more.
 */
export async function forEachWithClients<T>(clients: readonly pg.Client[], items: readonly T[], work: (item: T, client: pg.Client) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  await Promise.all(
    clients.map(async (client) => {
      while (failed === undefined && next < items.length) {
        const item = items[next++]!;
        try {
          await work(item, client);
        } catch (err) {
          if (failed === undefined) failed = err;
        }
      }
    }),
  );
  if (failed !== undefined) throw failed;
}
