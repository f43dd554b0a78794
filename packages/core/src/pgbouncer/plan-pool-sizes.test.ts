import { describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import { planPoolSizes, POOL_SIZE_DEFAULTS } from './plan-pool-sizes.js';

describe('planPoolSizes', () => {
  it('uses the defaults for what nobody set', () => {
    expect(planPoolSizes({})).toEqual({ sizes: POOL_SIZE_DEFAULTS, notes: [] });
  });

  it.each([
    ['a default pool size below the default min follows the min down', { defaultPoolSize: 2 }, { defaultPoolSize: 2, minPoolSize: 2 }, /min_pool_size is 2, not its default 5/],
    ['a min above the default pool size raises the pool size', { minPoolSize: 30 }, { defaultPoolSize: 30, minPoolSize: 30 }, /default_pool_size is 30, not its default 20/],
  ] as const)('%s', (_name, given, expected, note) => {
    const plan = planPoolSizes(given);
    expect(plan.sizes).toMatchObject(expected);
    expect(plan.notes).toHaveLength(1);
    expect(plan.notes[0]).toMatch(note);
  });

  it.each([
    [{ defaultPoolSize: 5 }, 5],
    [{ defaultPoolSize: 2, minPoolSize: 1 }, 1],
    [{ defaultPoolSize: 3, minPoolSize: 3 }, 3],
    [{ minPoolSize: 0 }, 0],
  ] as const)('keeps fitting values as set: %j', (given, min) => {
    const plan = planPoolSizes(given);
    expect(plan.sizes.minPoolSize).toBe(min);
    expect(plan.notes).toEqual([]);
  });

  it('refuses two conflicting values that were both set, naming both', () => {
    let caught: unknown;
    try {
      planPoolSizes({ defaultPoolSize: 2, minPoolSize: 5 });
    } catch (err) {
      caught = err;
    }
    expect(isCatdbError(caught, 'USAGE_INVALID_OPTION')).toBe(true);
    expect((caught as Error).message).toBe('min pool size 5 is larger than the default pool size 2: PgBouncer cannot keep more idle server connections than a pool holds');
    expect((caught as { hint: string }).hint).toMatch(/--min-pool-size/);
  });
});
