import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { introspectSqlite } from './introspect-sqlite.js';
import { profileTable } from './profile-table.js';

function table(values: unknown[]): { db: Database.Database; t: ReturnType<typeof introspectSqlite>['tables'][number] } {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, raw BLOB, untyped)');
  const ins = db.prepare('INSERT INTO t (raw, untyped) VALUES (?, ?)');
  for (const v of values) ins.run(v, v);
  return { db, t: introspectSqlite(db, ':memory:').tables[0]! };
}

describe('profileTable on columns with BLOB affinity', () => {
  it('lean: stops at the first BLOB, which decides bytea', () => {
    const { db, t } = table(['text first', Buffer.from([0, 1]), 7n, null]);
    for (const column of ['raw', 'untyped']) {
      expect(profileTable(db, t, { lean: true }).get(column)).toMatchObject({ blobs: 1, texts: 0, integers: 0 });
      // The full profile counts every class, for the plan's note on what is stored as bytes.
      expect(profileTable(db, t).get(column)).toMatchObject({ blobs: 1, texts: 1, integers: 1, nulls: 1 });
    }
  });

  it('lean: without any BLOB it counts every class, since the data decides the type', () => {
    const { db, t } = table(['a', 'bb', 3n, null]);
    expect(profileTable(db, t, { lean: true }).get('raw')).toMatchObject({ blobs: 0, texts: 2, integers: 1, nulls: 1, maxTextLength: 2 });
  });
});
