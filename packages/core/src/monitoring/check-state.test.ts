import { describe, expect, it } from 'vitest';
import { CHECK_EXIT_CODE, worstState, type CheckState } from './check-state.js';

describe('worstState', () => {
  it.each<[CheckState[], CheckState]>([
    [[], 'OK'],
    [['OK', 'OK'], 'OK'],
    [['OK', 'WARNING'], 'WARNING'],
    [['WARNING', 'UNKNOWN'], 'UNKNOWN'],
    [['UNKNOWN', 'WARNING', 'OK'], 'UNKNOWN'],
    [['CRITICAL', 'UNKNOWN'], 'CRITICAL'],
    [['OK', 'CRITICAL', 'WARNING'], 'CRITICAL'],
  ])('worstState(%j) = %s', (states, worst) => {
    expect(worstState(states)).toBe(worst);
  });

  it('maps states to the Nagios exit codes', () => {
    expect(Object.entries(CHECK_EXIT_CODE)).toEqual([['OK', 0], ['WARNING', 1], ['CRITICAL', 2], ['UNKNOWN', 3]]);
  });
});
