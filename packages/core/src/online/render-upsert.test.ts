import { describe, expect, it } from 'vitest';
import type { FollowTable } from './follow-plan.js';
import { renderUpsert } from './render-upsert.js';

const table = (columns: string[], primaryKey: string[]): FollowTable => ({
  source: 'T',
  target: 'my "t"',
  key: { kind: 'rowid' },
  readKey: { kind: 'rowid' },
  columns: columns.map((c) => ({ source: c, target: c, kind: 'text', pgType: 'text', notNull: false })),
  primaryKey,
  rowCount: 0,
  verifyMs: 0,
});

describe('renderUpsert', () => {
  it.each([
    [
      'updates every column but the key',
      table(['id', 'name', 'note'], ['id']),
      `INSERT INTO "app"."my ""t""" ("id", "name", "note") OVERRIDING SYSTEM VALUE SELECT "id", "name", "note" FROM pg_temp.r ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "note" = EXCLUDED."note"`,
    ],
    [
      'names a composite key',
      table(['a', 'b', 'v'], ['b', 'a']),
      `INSERT INTO "app"."my ""t""" ("a", "b", "v") OVERRIDING SYSTEM VALUE SELECT "a", "b", "v" FROM pg_temp.r ON CONFLICT ("b", "a") DO UPDATE SET "v" = EXCLUDED."v"`,
    ],
    ['does nothing on conflict when every column is key', table(['a', 'b'], ['a', 'b']), `INSERT INTO "app"."my ""t""" ("a", "b") OVERRIDING SYSTEM VALUE SELECT "a", "b" FROM pg_temp.r ON CONFLICT ("a", "b") DO NOTHING`],
  ])('%s', (_name, t, sql) => {
    expect(renderUpsert('app', t, 'pg_temp.r')).toBe(sql);
  });
});
