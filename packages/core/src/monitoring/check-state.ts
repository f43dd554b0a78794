/** The result of a check, in the Nagios plugin convention (also what Prometheus gauges report). */
export type CheckState = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

/** The one mapping from a check's state to its exit code (Nagios plugin guidelines). */
export const CHECK_EXIT_CODE: Readonly<Record<CheckState, 0 | 1 | 2 | 3>> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };

// A check that could not see something may hide a CRITICAL, so UNKNOWN outranks WARNING.
const SEVERITY: Readonly<Record<CheckState, number>> = { OK: 0, WARNING: 1, UNKNOWN: 2, CRITICAL: 3 };

/** The worst of `states`: CRITICAL > UNKNOWN > WARNING > OK, as Nagios ranks them; OK for none. */
export function worstState(states: readonly CheckState[]): CheckState {
  return states.reduce<CheckState>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'OK');
}
