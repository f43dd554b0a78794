import { describe, expect, it } from 'vitest';
import { orderByTargetFks, type FkEdge } from './order-by-target-fks.js';

const e = (table: string, parent: string, name = `${table}_${parent}_fkey`): FkEdge => ({ name, table, parent });

describe('orderByTargetFks', () => {
  it.each<[string, string[], FkEdge[], string[][], string[]]>([
    ['no foreign keys: alphabetical', ['b', 'a', 'c'], [], [['a'], ['b'], ['c']], []],
    ['parent before child whatever the names', ['a_child', 'z_parent'], [e('a_child', 'z_parent')], [['z_parent'], ['a_child']], []],
    ['a chain', ['c', 'b', 'a'], [e('a', 'b'), e('b', 'c')], [['c'], ['b'], ['a']], []],
    ['a diamond', ['top', 'l', 'r', 'bottom'], [e('l', 'top'), e('r', 'top'), e('bottom', 'l'), e('bottom', 'r')], [['top'], ['l'], ['r'], ['bottom']], []],
    ['a self-reference is no cycle to defer', ['files', 'roots'], [e('files', 'files'), e('files', 'roots')], [['roots'], ['files']], []],
    ['a two-table cycle is one group, both edges checked at commit', ['a', 'b', 'c'], [e('a', 'b'), e('b', 'a'), e('c', 'a')], [['a', 'b'], ['c']], ['a_b_fkey', 'b_a_fkey']],
    ['a three-table cycle with a parent outside it', ['x', 'y', 'z', 'p'], [e('x', 'y'), e('y', 'z'), e('z', 'x'), e('x', 'p')], [['p'], ['x', 'y', 'z']], ['x_y_fkey', 'y_z_fkey', 'z_x_fkey']],
    ['edges to tables not loaded are ignored', ['a'], [e('a', 'gone')], [['a']], []],
  ])('%s', (_name, tables, edges, groups, cycleEdges) => {
    const out = orderByTargetFks(tables, edges);
    expect(out.groups).toEqual(groups);
    expect(out.cycleEdges.map((x) => x.name).sort()).toEqual(cycleEdges);
  });

  it('puts every parent before its child on a long chain (no recursion limit)', () => {
    const n = 20_000;
    const tables = Array.from({ length: n }, (_, i) => `t${String(i).padStart(5, '0')}`);
    const edges = tables.slice(1).map((t, i) => e(tables[i]!, t));
    const order = orderByTargetFks(tables, edges).groups.flat();
    expect(order[0]).toBe(tables[n - 1]);
    expect(order[n - 1]).toBe(tables[0]);
  });
});
