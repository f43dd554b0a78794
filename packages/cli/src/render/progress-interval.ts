/** How often a long table reports without a terminal, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 5000;

/**
 * The interval the line renderers use: PROGRESS_INTERVAL_MS, unless CATDB_PROGRESS_INTERVAL_MS
 * (a test-only knob, so a test can see the periodic lines without a table that takes minutes) says otherwise.
 */
export function progressIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CATDB_PROGRESS_INTERVAL_MS);
  return Number.isFinite(n) && n > 0 ? n : PROGRESS_INTERVAL_MS;
}
