import { describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../support/scratch-database.js';
import { sendCancelRequest } from '../support/core-internals.js';

const db = useScratchDatabase('cancel');

describe('sendCancelRequest', () => {
  it('cancels the statement a session is running, at once, and leaves the session usable', async () => {
    const t0 = performance.now();
    const sleeping = db.client.query('SELECT pg_sleep(60)');
    const outcome = sleeping.then(
      () => 'finished',
      (err: { code?: string }) => err.code,
    );
    // Let the statement reach the server before asking to cancel it.
    await new Promise((r) => setTimeout(r, 200));
    await sendCancelRequest(db.client);
    expect(await outcome).toBe('57014');
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect((await db.client.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
  });

  it('is harmless for an idle session and for a closed one', async () => {
    await sendCancelRequest(db.client);
    expect((await db.client.query<{ n: number }>('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
    const other = await db.connect();
    await other.end();
    await expect(sendCancelRequest(other)).resolves.toBeUndefined();
  });
});
