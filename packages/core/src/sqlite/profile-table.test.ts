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

describe('profileTable: values a declaration does not expect get every class counted', () => {
  const profile = (declared: string, values: unknown[]) => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, c ${declared})`);
    const ins = db.prepare('INSERT INTO t (c) VALUES (?)');
    for (const v of values) ins.run(v);
    return profileTable(db, introspectSqlite(db, ':memory:').tables[0]!).get('c');
  };
  it.each<[string, unknown[], object]>([
    ['POINT', [Buffer.from('GP'), null, Buffer.from([0])], { blobs: 2, nulls: 1, integers: 0 }],
    ['INTEGER_OR_TEXT', [1, 'a', 2], { integers: 2, texts: 1 }],
    ['BOOLEAN', [0, 1, 2], { integers: 3, minInteger: 0n, maxInteger: 2n }],
    ['BOOLEAN', [0, 0.5, 'yes'], { integers: 1, reals: 1, texts: 1 }],
  ])('%s %j', (declared, values, counts) => {
    expect(profile(declared, values)).toMatchObject(counts);
  });
  it.each<[string, unknown[]]>([
    ['BOOLEAN', [0, 1, 'true', null]],
    ['INTEGER', [1, 2, null]],
  ])('%s %j: nothing unexpected, no second scan (the counts stay empty)', (declared, values) => {
    expect(profile(declared, values)).toMatchObject({ integers: 0, texts: 0 });
  });
});

describe('TEXT values PostgreSQL text refuses', () => {
  // Stored as TEXT byte for byte, as a C program or an old importer leaves them.
  const forms: [string, string][] = [
    ['ascii', '616263'],
    ['valid two-byte UTF-8', 'c3a9'],
    ['a lone 0xFF between ASCII', '41ff42'],
    ['a lone continuation byte', '80'],
    ['a truncated sequence', 'c3'],
    ['Latin-1', '4dfc6c6c6572'],
    ['a NUL between ASCII', '610062'],
    ['a NUL and valid UTF-8', '00c3a9'],
  ];

  function textTable(): { db: Database.Database; t: ReturnType<typeof introspectSqlite>['tables'][number] } {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    for (const [, hex] of forms) db.prepare(`INSERT INTO t (name) VALUES (CAST(x'${hex}' AS TEXT))`).run();
    return { db, t: introspectSqlite(db, ':memory:').tables[0]! };
  }

  it('the full profile counts each class of bad bytes, whatever the byte; --nul strip leaves NULs out', () => {
    const { db, t } = textTable();
    expect(profileTable(db, t).get('name')?.textsNotStorable).toEqual({ notUtf8: 4, withNul: 2 });
    expect(profileTable(db, t, { stripNul: true }).get('name')?.textsNotStorable).toEqual({ notUtf8: 4, withNul: 0 });
    // The lean profile leaves them to the load.
    expect(profileTable(db, t, { lean: true }).get('name')?.textsNotStorable).toBeUndefined();
  });

  it('a column of valid text, ASCII or not, has none', () => {
    const db = new Database(':memory:');
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('abc'), ('été'), ('日本'), (''), (NULL)");
    const t = introspectSqlite(db, ':memory:').tables[0]!;
    expect(profileTable(db, t).get('name')?.textsNotStorable).toBeUndefined();
  });
});
