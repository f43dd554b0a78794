import { throwIfAborted } from '../errors.js';
import type { MigrationEvent, MigrationStep } from './migration-event.js';

/**
 * Runs one step of a migration between its `start` and `done` events (with its duration).
 * An aborted `signal` stops it before it starts, and after it ends: a step that turns
 * failed statements into warnings must not report them as done when Ctrl-C failed them.
 */
export async function runStep<T>(emit: (e: MigrationEvent) => void, name: MigrationStep, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  throwIfAborted(signal);
  const t0 = performance.now();
  emit({ type: 'step', step: name, status: 'start' });
  const out = await fn();
  throwIfAborted(signal);
  emit({ type: 'step', step: name, status: 'done', ms: Math.round(performance.now() - t0) });
  return out;
}
