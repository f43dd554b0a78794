import { describe, expect, it } from 'vitest';
import { LEAN_PROFILE_ROWS } from '../verify/open-render-pool.js';
import type { ColumnPlan, MigrationPlan, TablePlan } from '../plan/migration-plan.js';
import { planLoad, planTableLoad } from './plan-load.js';

const column = (source: string, pgType: string, kind: ColumnPlan['kind']): ColumnPlan => ({ source, target: source, declaredType: pgType, pgType, kind, notNull: false, rule: 'test', notes: [] });
const table = (source: string, rowCount: number, columns = [column('id', 'bigint', 'integer'), column('name', 'text', 'text')]): TablePlan => ({ source, target: source, rowCount, readKey: { kind: 'rowid' }, columns });
const planOf = (tables: TablePlan[]): MigrationPlan => ({ source: 'app.db', schema: 'app', identifiers: 'lower', tables, postLoad: [], views: [], triggers: [], skipped: [], warnings: [], decisions: [], problems: [] });

describe('planLoad', () => {
  it('loads the largest tables first, on no more connections than tables', () => {
    const load = planLoad(planOf([table('a', 10), table('b', 3000), table('c', 200)]), {}, { jobs: 8, threads: false });
    expect(load.tables.map((t) => t.table.source)).toEqual(['b', 'c', 'a']);
    expect(load.connections).toBe(3);
    expect(planLoad(planOf([table('a', 1), table('b', 2)]), {}, { jobs: 1, threads: false }).connections).toBe(1);
    expect(planLoad(planOf([]), {}, { jobs: 4, threads: false }).connections).toBe(1);
  });

  it.each([
    ['defaults: SQLite renders', {}, true],
    ['--on-error skip-row: the encoders name each rejected row', { onError: 'skip-row' as const }, false],
    ['--nul strip: the encoders change text', { nul: 'strip' as const }, false],
    ['fastPath false', { fastPath: false }, false],
  ])('%s', (_name, options, fast) => {
    const [t] = planLoad(planOf([table('t', 5)]), options, { jobs: 2, threads: true }).tables;
    expect(t!.sqlChunkQuery !== undefined).toBe(fast);
    expect(t!.codecs.map((c) => c.source)).toEqual(['id', 'name']);
  });

  it.each([
    ['a big table with threads open shares them', LEAN_PROFILE_ROWS + 1, true, true],
    ['a small table renders here', LEAN_PROFILE_ROWS, true, false],
    ['no threads open', LEAN_PROFILE_ROWS + 1, false, false],
  ])('%s', (_name, rows, threads, want) => {
    expect(planTableLoad(table('t', rows), { fastPath: true, nul: 'error', threads }).threads).toBe(want);
  });

  it('a table on the value path never asks for the threads', () => {
    expect(planTableLoad(table('t', LEAN_PROFILE_ROWS + 1), { fastPath: false, nul: 'error', threads: true })).toMatchObject({ threads: false });
  });
});
