import { describe, expect, it } from 'vitest';
import { CatdbError } from '../errors.js';
import type { ColumnPlan, MigrationPlan, PostLoadStatement, TablePlan } from '../plan/migration-plan.js';
import { freezePlan } from './freeze-plan.js';
import type { LoadDecision } from './load-decision.js';
import { overlongVarcharDecision } from './overlong-varchar-decision.js';
import { planAfterLoad, tableAfterLoad } from './plan-after-load.js';

const mime: ColumnPlan = { source: 'mime', target: 'mime', declaredType: 'VARCHAR(10)', pgType: 'varchar(10)', kind: 'text', notNull: false, rule: 'varchar(n)', notes: [], maxLength: 10 };
const id: ColumnPlan = { source: 'id', target: 'id', declaredType: 'INTEGER', pgType: 'bigint', kind: 'integer', notNull: true, rule: 'integer', notes: [] };
const files: TablePlan = { source: 'Files', target: 'files', rowCount: 3, readKey: { kind: 'rowid' }, columns: [id, mime] };
const fk: PostLoadStatement = { phase: 'foreign-key', table: 'files', name: 'files_owner_fkey', sql: 'ALTER TABLE …', critical: false, foreignKey: { childColumns: ['id'], parentTable: 'owners', parentColumns: ['id'] } };

function plan(): MigrationPlan {
  return freezePlan({ source: 'a.db', schema: 'app', identifiers: 'lower', tables: [files], postLoad: [fk], views: [], triggers: [], skipped: [], warnings: [], decisions: [], problems: [] });
}

/** What the encoder throws for a value longer than varchar(n). */
const tooLong = new CatdbError('COPY_VALUE_REJECTED', 'too long', { details: { table: 'Files', column: 'mime', castTo: 'text' } });

describe('overlongVarcharDecision', () => {
  it.each([
    ['the encoder naming the column', tooLong, 'mime'],
    ["PostgreSQL's 22001 naming it in its context", Object.assign(new Error('value too long'), { code: '22001', where: 'COPY files, line 3, column mime: "application/x-…"' }), 'mime'],
    ['another failure', new Error('connection lost'), undefined],
    ['22001 on a column without a length', Object.assign(new Error('value too long'), { code: '22001', where: 'COPY files, line 3, column id: "1"' }), undefined],
  ])('%s', (_name, err, column) => {
    expect(overlongVarcharDecision(files, err)?.decision).toEqual(column === undefined ? undefined : expect.objectContaining({ kind: 'column', table: 'Files', column, declaredAs: 'varchar(10)', pgType: 'text' }));
  });

  it('records the column as text with its warning, and leaves the frozen plan as it was', () => {
    const made = plan();
    const before = structuredClone(made);
    const { decision, warning } = overlongVarcharDecision(made.tables[0]!, tooLong)!;
    expect(warning).toEqual({ object: 'Files.mime', message: 'holds values longer than its declared varchar(10): migrated as text' });
    const after = planAfterLoad(made, [decision]);
    expect(after.tables[0]!.columns[1]).toMatchObject({ pgType: 'text', notes: ['values longer than varchar(10): text'] });
    expect(after.tables[0]!.columns[1]).not.toHaveProperty('maxLength');
    expect(made).toEqual(before);
    // Frozen all the way down: the old in-place widening would now fail at once.
    expect(() => Object.assign(made.tables[0]!.columns[1]!, { pgType: 'text' })).toThrow(TypeError);
  });
});

describe('planAfterLoad', () => {
  it('is the plan itself when the load decided nothing', () => {
    const made = plan();
    expect(planAfterLoad(made, [])).toBe(made);
    expect(tableAfterLoad(files, [{ kind: 'left-out', table: 'files', name: 'x', reason: 'r' }])).toBe(files);
  });

  it('applies column decisions (the last one for a column wins), drops what was left out, adds the type decisions', () => {
    const made = plan();
    const as = (pgType: string): ColumnPlan => ({ ...mime, pgType });
    const typeDecision = { table: 'Files', column: 'mime', declaredType: 'VARCHAR(10)', declaredAs: 'varchar(10)', pgType: 'bytea', reason: '2 BLOB values', cast: "--cast 'column Files.mime to bytea'" };
    const decisions: LoadDecision[] = [
      { kind: 'column', table: 'Files', column: 'mime', declaredAs: 'varchar(10)', pgType: 'text', reason: 'long', loadedAs: as('text') },
      { kind: 'column', table: 'Files', column: 'mime', declaredAs: 'text', pgType: 'bytea', reason: 'blobs', loadedAs: as('bytea'), typeDecision },
      { kind: 'column', table: 'Other', column: 'mime', declaredAs: 'x', pgType: 'y', reason: 'another table', loadedAs: as('y') },
      { kind: 'left-out', table: 'files', name: 'files_owner_fkey', reason: 'kinds differ' },
    ];
    const after = planAfterLoad(made, decisions);
    expect(after.tables[0]!.columns.map((c) => c.pgType)).toEqual(['bigint', 'bytea']);
    expect(after.postLoad).toEqual([]);
    expect(after.decisions).toEqual([typeDecision]);
    expect(made.tables[0]!.columns[1]!.pgType).toBe('varchar(10)');
    expect(made.postLoad).toHaveLength(1);
  });
});
