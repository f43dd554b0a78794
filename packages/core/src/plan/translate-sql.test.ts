import { describe, expect, it } from 'vitest';
import { translateSql } from './translate-sql.js';

describe('translateSql', () => {
  const bools = new Set(['is_favorite', 'active']);
  it.each<[string, 'lower' | 'preserve', string]>([
    ['"Order Details".Quantity > 0', 'lower', '"order details".Quantity > 0'],
    ['[Unit Price] * 2', 'lower', '"unit price" * 2'],
    ['`x` == 1', 'lower', '"x" = 1'],
    ["ifnull(a, 'it''s')", 'lower', "coalesce(a, 'it''s')"],
    ["name = '[not an ident]'", 'lower', "name = '[not an ident]'"],
    ['TrackId > 0', 'preserve', '"TrackId" > 0'],
    ['t.AlbumId = a.id AND COUNT(x) > 0', 'preserve', 't."AlbumId" = a.id AND COUNT(x) > 0'],
    ['protocol IN (\'smb\',\'ftp\')', 'lower', "protocol IN ('smb','ftp')"],
  ])('%s (%s) → %s', (input, mode, out) => expect(translateSql(input, mode)).toBe(out));

  it.each([
    ['is_favorite = 1', 'is_favorite = true'],
    ['is_favorite == 0', 'is_favorite = false'],
    ['is_favorite <> 1', 'is_favorite <> true'],
    ['1 = active', 'true = active'],
    ['"is_favorite" != 0 AND year = 1', '"is_favorite" != false AND year = 1'],
    ['m.is_favorite = 1', 'm.is_favorite = true'],
    ['count = 1', 'count = 1'],
  ])('boolean columns compared with 0/1: %s → %s', (input, out) => {
    expect(translateSql(input, 'lower', bools)).toBe(out);
  });
});
