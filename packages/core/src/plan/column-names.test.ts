import { describe, expect, it } from 'vitest';
import { planColumnNames } from './column-names.js';

const long = 'a'.repeat(62);

describe('planColumnNames', () => {
  it.each<[string, string[], string[]]>([
    ['names that fit are kept', ['id', 'Name'], ['id', 'name']],
    ['the first of two equal in 63 bytes keeps the name, the second is numbered', [`${long}_one`, `${long}_two`], [`${long}_`, `${'a'.repeat(61)}_1`]],
    ['a third is numbered on', [`${long}xa`, `${long}xb`, `${long}xc`], [`${long}x`, `${'a'.repeat(61)}_1`, `${'a'.repeat(61)}_2`]],
    ['a number another column has is skipped', [`${long}xa`, `${long}xb`, `${'a'.repeat(61)}_1`], [`${long}x`, `${'a'.repeat(61)}_2`, `${'a'.repeat(61)}_1`]],
    ['multi-byte names are cut on a character boundary', ['я'.repeat(32) + 'a', 'я'.repeat(32) + 'b'], ['я'.repeat(31), 'я'.repeat(30) + '_1']],
    ['names of system columns are numbered', ['id', 'XMin', 'ymin', 'xmax', 'ymax', 'ctid', 'oid'], ['id', 'xmin_1', 'ymin', 'xmax_1', 'ymax', 'ctid_1', 'oid']],
    ['a numbered system name skips a number a column has', ['xmin', 'xmin_1'], ['xmin_2', 'xmin_1']],
  ])('%s', (_what, columns, expected) => {
    const { targets } = planColumnNames(columns, 'lower');
    expect(targets).toEqual(expected);
    expect(new Set(targets).size).toBe(targets.length);
    for (const t of targets) expect(Buffer.byteLength(t)).toBeLessThanOrEqual(63);
  });

  it('says when the name is a system column\'s, and keeps a quoted name in another case', () => {
    expect(planColumnNames(['xmin', 'XMAX'], 'preserve')).toEqual({ targets: ['xmin_1', 'XMAX'], renames: [{ source: 'xmin', keeps: 'xmin', clash: 'xmin', target: 'xmin_1', system: true }] });
  });

  it('reports each rename with the name it would have shared', () => {
    expect(planColumnNames([`${long}_one`, `${long}_two`], 'preserve').renames).toEqual([{ source: `${long}_two`, keeps: `${long}_one`, clash: `${long}_`, target: `${'a'.repeat(61)}_1` }]);
  });
});
