import type { MigrationEvent, MigrationStep } from './migration-event.js';

/** Runs one step of a migration between its `start` and `done` events (with its duration). */
export async function runStep<T>(emit: (e: MigrationEvent) => void, name: MigrationStep, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  emit({ type: 'step', step: name, status: 'start' });
  const out = await fn();
  emit({ type: 'step', step: name, status: 'done', ms: Math.round(performance.now() - t0) });
  return out;
}
