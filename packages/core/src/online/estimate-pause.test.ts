import { describe, expect, it } from 'vitest';
import { estimatePause } from './estimate-pause.js';

describe('estimatePause', () => {
  const base = { pendingChanges: 0, changesPerSecond: 2000, roundMs: 20, verifyMs: 0, reloadRows: 0, fencedTables: 0 };
  it.each([
    ['nothing left', base, 30],
    ['2,000 changes at 2,000/s', { ...base, pendingChanges: 2000 }, 1030],
    ['the verification', { ...base, verifyMs: 400 }, 430],
    ['a reload of 100,000 rows', { ...base, reloadRows: 100_000 }, 1030],
    ['fencing 50 tables', { ...base, fencedTables: 50 }, 130],
    ['a follower that measured nothing (rate 0)', { ...base, pendingChanges: 1, changesPerSecond: 0 }, 1030],
  ])('%s', (_name, input, ms) => {
    expect(estimatePause(input)).toBe(ms);
  });
});
