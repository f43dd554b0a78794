import { describe, expect, it } from 'vitest';
import { triggerName } from '../sqlite/capture-names.js';
import { renderFence, renderInstallCapture, renderKeyExpression, renderRemoveCapture } from './render-capture-sql.js';

describe('renderKeyExpression', () => {
  it.each([
    [{ kind: 'rowid' as const }, 'NEW', 'NEW.rowid'],
    [{ kind: 'none' as const }, 'OLD', 'OLD.rowid'],
    [{ kind: 'rowid' as const }, undefined, 'rowid'],
  ])('%j of %s', (key, row, sql) => {
    expect(renderKeyExpression(key, row as 'NEW' | 'OLD' | undefined)).toBe(sql);
  });

  it('joins one typed token per key column, quoting hostile names', () => {
    const sql = renderKeyExpression({ kind: 'columns', columns: ['a', 'we"ird'] }, 'NEW');
    expect(sql).toBe(
      `CASE typeof(NEW."a") WHEN 'integer' THEN 'i' || NEW."a" WHEN 'real' THEN 'r' || quote(NEW."a") WHEN 'text' THEN 't' || hex(NEW."a") WHEN 'blob' THEN 'b' || hex(NEW."a") ELSE 'n' END` +
        ` || ',' || ` +
        `CASE typeof(NEW."we""ird") WHEN 'integer' THEN 'i' || NEW."we""ird" WHEN 'real' THEN 'r' || quote(NEW."we""ird") WHEN 'text' THEN 't' || hex(NEW."we""ird") WHEN 'blob' THEN 'b' || hex(NEW."we""ird") ELSE 'n' END`,
    );
  });
});

describe('renderInstallCapture', () => {
  const statements = renderInstallCapture([{ name: `it's`, key: { kind: 'rowid' } }]);

  it('creates the log and the meta table first, then three triggers per table', () => {
    expect(statements).toHaveLength(5);
    expect(statements[0]).toMatch(/^CREATE TABLE main\."_catdb_changes" \(seq INTEGER PRIMARY KEY, /);
    expect(statements[1]).toMatch(/^CREATE TABLE main\."_catdb_meta" /);
    expect(statements.slice(2).map((s) => /^CREATE TRIGGER main\."(_catdb_\w+)" AFTER (\w+) ON "it's" BEGIN/.exec(s)?.slice(1))).toEqual([
      [triggerName('ins', `it's`), 'INSERT'],
      [triggerName('upd', `it's`), 'UPDATE'],
      [triggerName('del', `it's`), 'DELETE'],
    ]);
  });

  it('names the table in the log as a literal, and logs a moved key twice', () => {
    expect(statements[2]).toContain(`VALUES ('it''s', 'i', NEW.rowid, julianday('now'));`);
    expect(statements[3]).toContain(`SELECT 'it''s', 'd', OLD.rowid, julianday('now') WHERE (OLD.rowid) IS NOT (NEW.rowid);`);
    expect(statements[4]).toContain(`VALUES ('it''s', 'd', OLD.rowid, julianday('now'));`);
  });
});

describe('renderFence and renderRemoveCapture', () => {
  it('drops the capture triggers and raises in BEFORE triggers', () => {
    const fence = renderFence([{ name: 't', key: { kind: 'rowid' } }]);
    expect(fence.slice(0, 3)).toEqual(['ins', 'upd', 'del'].map((r) => `DROP TRIGGER IF EXISTS main."${triggerName(r as 'ins', 't')}"`));
    expect(fence.slice(3).map((s) => /BEFORE (\w+) ON "t" BEGIN SELECT RAISE\(ABORT, 'catdb: this database moved to PostgreSQL/.exec(s)?.[1])).toEqual(['INSERT', 'UPDATE', 'DELETE']);
  });

  it('drops triggers before the tables they write to', () => {
    expect(renderRemoveCapture({ triggers: ['_catdb_ins_000000000000'], tables: ['_catdb_changes'] })).toEqual(['DROP TRIGGER IF EXISTS main."_catdb_ins_000000000000"', 'DROP TABLE IF EXISTS main."_catdb_changes"']);
  });
});
