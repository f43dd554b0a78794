import { describe, expect, it } from 'vitest';
import { indexSortMemoryKiB } from './index-sort-memory.js';

describe('indexSortMemoryKiB', () => {
  it('stays small for the tables where small sorts were measured fastest', () => {
    expect(indexSortMemoryKiB(382e6)).toBeGreaterThanOrEqual(8 * 1024);
    expect(indexSortMemoryKiB(1.53e9)).toBeLessThanOrEqual(20 * 1024);
  });

  it('leaves one merge pass: runs of M, about M / 256 kB of them merged at once', () => {
    for (const bytes of [1e6, 1e9, 50e9, 500e9]) {
      const m = indexSortMemoryKiB(bytes);
      if (m === 256 * 1024) continue;
      expect((bytes / 1024 / m) * 256).toBeLessThanOrEqual(m);
    }
  });

  it('is bounded at both ends', () => {
    expect(indexSortMemoryKiB(0)).toBe(8 * 1024);
    expect(indexSortMemoryKiB(1e15)).toBe(256 * 1024);
  });
});
