import { describe, expect, it } from 'vitest';
import { columnCodecs } from '../codec/column-codec.js';
import { LEAN_PROFILE_ROWS } from './open-render-pool.js';
import { planVerification, type VerifySubject } from './plan-verification.js';

const BIG = LEAN_PROFILE_ROWS + 1;

function subject(source: string, rows: number, more: Partial<VerifySubject> = {}): VerifySubject {
  const codecs = columnCodecs([{ source: 'id', target: 'id', kind: 'integer', pgType: 'bigint', notNull: true }, { source: 'name', target: 'name', kind: 'text', pgType: 'text' }]);
  return { source, target: source, readKey: { kind: 'rowid' }, codecs, canonical: codecs.map((c) => ({ source: c.source, kind: c.kind, notNull: c.notNull })), rows, ...more };
}

describe('planVerification', () => {
  it.each([
    ['most rows first', [subject('small', 10), subject('big', 5000), subject('mid', 200)], ['big', 'mid', 'small']],
    ['bytes the load wrote outweigh rows', [subject('many', 5000, { bytes: 10 }), subject('wide', 100, { bytes: 90_000 })], ['wide', 'many']],
    ['a table with no bytes is weighed by its rows', [subject('resumed', 5000), subject('loaded', 100, { bytes: 900 })], ['resumed', 'loaded']],
    ['big WITHOUT ROWID tables before anything else', [subject('rowid', BIG * 2), subject('keyed', BIG, { readKey: { kind: 'columns', columns: ['id'] } }), subject('keyedSmall', 50, { readKey: { kind: 'columns', columns: ['id'] } })], ['keyed', 'rowid', 'keyedSmall']],
  ])('orders %s', (_name, subjects, order) => {
    expect(planVerification('s', subjects, { sqlSide: true }).tables.map((t) => t.source)).toEqual(order);
  });

  it.each([
    ['a big table: SQL side, on the threads', subject('t', BIG), true, { sql: true, threads: true }],
    ['a small table: SQL side, here', subject('t', LEAN_PROFILE_ROWS), true, { sql: true, threads: false }],
    ['no canonical columns (float4): value by value', subject('t', BIG, { canonical: undefined }), true, { sql: false, threads: false }],
    ['SQL side off (skip-row, --nul strip): value by value', subject('t', BIG), false, { sql: false, threads: false }],
  ])('%s', (_name, s, sqlSide, want) => {
    const [t] = planVerification('s', [s], { sqlSide }).tables;
    expect({ sql: t!.sqlCanonical !== undefined, threads: t!.threads }).toEqual(want);
  });

  it('keeps what the caller gave, and leaves its list as it was', () => {
    const subjects = [subject('a', 1, { keyColumns: ['id'] }), subject('b', 2)];
    const plan = planVerification('app', subjects, { sqlSide: true });
    expect(plan.schema).toBe('app');
    expect(plan.tables[1]).toMatchObject({ source: 'a', keyColumns: ['id'], codecs: subjects[0]!.codecs });
    expect(subjects.map((s) => s.source)).toEqual(['a', 'b']);
  });
});
