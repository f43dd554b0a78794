import type pg from 'pg';
import { throwIfAborted } from '../errors.js';
import { bindDeadline, type ClientDeadline } from './bind-deadline.js';

/**
 * Connects `client` under `deadline` and returns it; on failure ends it and throws ABORTED
 * when the signal fired, else the driver's error for the caller to map (a server and a pooler
 * word the same failures differently).
 */
export async function connectWithinDeadline(client: pg.Client, deadline: ClientDeadline): Promise<pg.Client> {
  // An idle client whose server goes away emits 'error'; without a listener Node crashes.
  client.on('error', () => {});
  const connected = bindDeadline(client, deadline);
  try {
    await client.connect();
    connected();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    throwIfAborted(deadline.signal);
    throw err;
  }
}
