import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

export interface PollOptions<T> {
  /** When the value read is the one awaited; by default any value but undefined and false. */
  until?: (value: T) => boolean;
  /** 60 s unless given. */
  timeoutMs?: number;
  /** 200 ms unless given. */
  intervalMs?: number;
}

/**
 * Reads `probe` until `until` holds for what it returned, and returns that value. A probe that
 * throws counts as not yet (a server still starting, a file not yet written). Past the deadline
 * it fails naming `what` and the last value or error seen, so a timeout says how far it got.
 */
export async function poll<T>(what: string, probe: () => T | Promise<T>, options: PollOptions<T> = {}): Promise<Exclude<T, undefined | false>> {
  const until = options.until ?? ((v: T) => v !== undefined && v !== false);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await probe();
      if (until(value)) return value as Exclude<T, undefined | false>;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) break;
    await sleep(options.intervalMs ?? 200);
  }
  const seen = !last ? 'nothing' : 'error' in last ? `the error ${last.error instanceof Error ? last.error.message : inspect(last.error)}` : inspect(last.value, { depth: 4, breakLength: Infinity });
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
}
