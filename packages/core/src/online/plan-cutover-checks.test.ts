import { describe, expect, it } from 'vitest';
import type { FollowPlan, FollowTable } from './follow-plan.js';
import { planCutoverChecks } from './plan-cutover-checks.js';

const table = (name: string, key: FollowTable['key'] = { kind: 'rowid' }): FollowTable => ({
  source: name.toUpperCase(),
  target: name,
  key,
  readKey: { kind: 'rowid' },
  columns: [],
  primaryKey: key.kind === 'none' ? [] : ['id'],
  rowCount: 10,
  verifyMs: 5,
});
// grandparent ← parent ← child; other stands alone; log has no key.
const plan: FollowPlan = {
  schema: 'public',
  tables: [table('grandparent'), table('parent'), table('child'), table('other'), table('log', { kind: 'none' })],
  foreignKeys: [
    { name: 'parent_fk', table: 'parent', parent: 'grandparent' },
    { name: 'child_fk', table: 'child', parent: 'parent' },
  ],
};
const names = (ts: FollowTable[]): string[] => ts.map((t) => t.target);

describe('planCutoverChecks', () => {
  it('counts the changed tables and every table below them by foreign key', () => {
    const checks = planCutoverChecks(plan, ['GRANDPARENT'], 'changed');
    expect(names(checks.count)).toEqual(['grandparent', 'parent', 'child']);
    expect(checks.checksum).toEqual([]);
    expect(checks.reload).toEqual([]);
  });

  it('does not go up: a changed child leaves its parents alone', () => {
    expect(names(planCutoverChecks(plan, ['CHILD', 'OTHER'], 'changed').count)).toEqual(['child', 'other']);
  });

  it('reloads a changed table without a primary key, and only a changed one', () => {
    expect(names(planCutoverChecks(plan, ['LOG'], 'changed').reload)).toEqual(['log']);
    expect(planCutoverChecks(plan, ['OTHER'], 'changed').reload).toEqual([]);
  });

  it('full checks every table addressed by key, changed or not', () => {
    const checks = planCutoverChecks(plan, ['LOG'], 'full');
    expect(names(checks.checksum)).toEqual(['grandparent', 'parent', 'child', 'other']);
    expect(names(checks.reload)).toEqual(['log']);
    expect(checks.count).toEqual([]);
  });

  it('checks nothing when nothing changed', () => {
    expect(planCutoverChecks(plan, [], 'changed')).toEqual({ count: [], checksum: [], reload: [] });
  });
});
