import { CatdbError } from '../errors.js';

export interface PoolSizes {
  maxClientConn: number;
  defaultPoolSize: number;
  minPoolSize: number;
  reservePoolSize: number;
}

/** What init writes for a size nobody set. */
export const POOL_SIZE_DEFAULTS: Readonly<PoolSizes> = { maxClientConn: 1000, defaultPoolSize: 20, minPoolSize: 5, reservePoolSize: 0 };

/**
 * The pool sizes to write: what the caller set, defaults for the rest. A default never
 * overrides a value that was set: when the default min_pool_size (5) does not fit a
 * default_pool_size that was set lower, it follows it down, and a min_pool_size set above the
 * default default_pool_size (20) raises it; each such change comes with a note. Only two
 * values that were both set and conflict are refused. Pure.
 * Errors: USAGE_INVALID_OPTION.
 */
export function planPoolSizes(given: Partial<PoolSizes>): { sizes: PoolSizes; notes: string[] } {
  const sizes: PoolSizes = { ...POOL_SIZE_DEFAULTS };
  for (const key of Object.keys(sizes) as (keyof PoolSizes)[]) if (given[key] !== undefined) sizes[key] = given[key];
  const notes: string[] = [];
  if (sizes.minPoolSize > sizes.defaultPoolSize) {
    if (given.minPoolSize !== undefined && given.defaultPoolSize !== undefined) {
      throw new CatdbError('USAGE_INVALID_OPTION', `min pool size ${sizes.minPoolSize} is larger than the default pool size ${sizes.defaultPoolSize}: PgBouncer cannot keep more idle server connections than a pool holds`, {
        hint: 'Lower --min-pool-size (MIN_POOL_SIZE) to at most --default-pool-size (DEFAULT_POOL_SIZE), or raise the latter.',
        details: { minPoolSize: sizes.minPoolSize, defaultPoolSize: sizes.defaultPoolSize },
      });
    }
    if (given.defaultPoolSize !== undefined) {
      notes.push(`min_pool_size is ${sizes.defaultPoolSize}, not its default ${sizes.minPoolSize}, to fit the default pool size of ${sizes.defaultPoolSize} that was asked for.`);
      sizes.minPoolSize = sizes.defaultPoolSize;
    } else {
      notes.push(`default_pool_size is ${sizes.minPoolSize}, not its default ${sizes.defaultPoolSize}, to hold the min pool size of ${sizes.minPoolSize} that was asked for.`);
      sizes.defaultPoolSize = sizes.minPoolSize;
    }
  }
  return { sizes, notes };
}
