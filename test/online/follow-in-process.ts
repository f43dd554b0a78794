import { migrateOnline, type MigrateOnlineOptions, type OnlineEvent } from '@catdb/core/online';
import { poll } from '../support/poll.js';

/**
 * Starts migrateOnline in this process and resolves once it has caught up, with the run
 * (wrapped: a returned promise would be awaited too) and the events so far.
 */
export async function followInProcess(options: MigrateOnlineOptions): Promise<{ run: ReturnType<typeof migrateOnline>; events: OnlineEvent[] }> {
  const events: OnlineEvent[] = [];
  let caughtUp!: () => void;
  const ready = new Promise<void>((r) => (caughtUp = r));
  const run = migrateOnline({
    jobs: 2,
    pollMs: 50,
    ...options,
    onEvent: (e) => {
      events.push(e);
      options.onEvent?.(e);
      if (e.type === 'online-lag' && e.caughtUp) caughtUp();
    },
  });
  // Awaited by the caller; a failure while the test writes must not go unhandled meanwhile.
  run.catch(() => {});
  await Promise.race([ready, run.then(() => Promise.reject(new Error('migrateOnline ended before it followed')))]);
  return { run, events };
}

/** Resolves once a round after this call found nothing left to apply. */
export async function waitForApplied(events: readonly OnlineEvent[]): Promise<void> {
  const seen = events.length;
  const rounds = (): OnlineEvent[] => events.slice(seen).filter((e) => e.type === 'online-lag');
  await poll('the follower to catch up (a round with nothing pending)', rounds, { until: (lag) => lag.some((e) => e.type === 'online-lag' && e.pendingChanges === 0), timeoutMs: 30_000, intervalMs: 100 });
}
