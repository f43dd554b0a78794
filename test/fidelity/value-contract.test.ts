import { afterAll, describe, expect, it } from 'vitest';
import { parseCastRule } from '@catdb/core';
import { expectError, expectResult, migrateOrError } from '../support/migrate-or-error.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// The value contract of docs/fidelity.md, each clause against the real PostgreSQL: the value
// arrives exactly (read back and compared), or the migration stops naming table, column and row.
const pg = useScratchDatabase('fidelity');
const files = scratchDir('catdb-fidelity-');
let n = 0;
const schema = (): string => `f${++n}`;

afterAll(() => files.remove());

describe('text', () => {
  const samples = [
    'astral 𝄞 😀 𐍈',
    'combining e\u0301 a\u030a',
    'RTL שלום עולם مرحبا',
    'tab\there\nnewline\rCR\\backslash\\N',
    'x'.repeat(2_000_000) + '€',
    '',
  ];

  it('arrives exactly: all of Unicode, control characters, backslashes, a 2 MB value', async () => {
    const file = writeSqlite(files.path('text.db'), (db) => {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      const ins = db.prepare('INSERT INTO t VALUES (?, ?)');
      samples.forEach((s, i) => ins.run(i + 1, s));
    });
    const s = schema();
    expectResult(await migrateOrError({ source: file, target: pg.url, schema: s }));
    const rows = await pg.client.query<{ v: string }>(`SELECT v FROM ${s}.t ORDER BY id`);
    expect(rows.rows.map((r) => r.v)).toEqual(samples);
  });

  it('U+0000: the column becomes bytea holding the stored bytes; --strict-types stops before any change; --nul strip removes it', async () => {
    const file = writeSqlite(files.path('nul.db'), (db) => {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      db.prepare('INSERT INTO t VALUES (?, ?)').run(1, 'ok');
      db.prepare('INSERT INTO t VALUES (?, ?)').run(2, 'a\u0000b');
    });
    const d = schema();
    const decided = expectResult(await migrateOrError({ source: file, target: pg.url, schema: d }));
    expect(decided.warnings.map((w) => w.message).join('\n')).toMatch(/1 text value holding NUL \(U\+0000\).*bytea.*--cast 'column t\.v to bytea'/);
    expect((await pg.client.query(`SELECT encode(v, 'hex') AS h FROM ${d}.t ORDER BY id`)).rows).toEqual([{ h: '6f6b' }, { h: '610062' }]);
    const err = expectError(await migrateOrError({ source: file, target: pg.url, schema: schema(), strictTypes: true }));
    expect(err.code).toBe('MAP_MIXED_TYPES');
    expect(err.message).toMatch(/t\.v: 1 text value holding NUL \(U\+0000\) in a text column — fix: --cast 'column t\.v to bytea'/);
    const s = schema();
    expectResult(await migrateOrError({ source: file, target: pg.url, schema: s, nul: 'strip' }));
    expect((await pg.client.query(`SELECT v FROM ${s}.t ORDER BY id`)).rows).toEqual([{ v: 'ok' }, { v: 'ab' }]);
  });

  it('invalid UTF-8 is never replaced: the column becomes bytea holding the stored bytes; --strict-types stops before any change', async () => {
    const file = writeSqlite(files.path('utf8.db'), (db) => {
      db.exec(`CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO docs VALUES (1, 'fine'), (7, CAST(x'66e96c6c65' AS TEXT))`);
    });
    const d = schema();
    const decided = expectResult(await migrateOrError({ source: file, target: pg.url, schema: d }));
    expect(decided.warnings.map((w) => w.message).join('\n')).toMatch(/1 text value with bytes that are not valid UTF-8.*bytea/);
    expect((await pg.client.query(`SELECT id, encode(title, 'hex') AS h FROM ${d}.docs ORDER BY id`)).rows).toEqual([{ id: 1, h: '66696e65' }, { id: 7, h: '66e96c6c65' }]);
    const err = expectError(await migrateOrError({ source: file, target: pg.url, schema: schema(), strictTypes: true }));
    expect(err.code).toBe('MAP_MIXED_TYPES');
    expect(err.message).toMatch(/docs\.title: 1 text value with bytes that are not valid UTF-8 in a text column — fix: --cast 'column docs\.title to bytea'/);
  });
});

describe('integers', () => {
  const values = [-(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, -(2n ** 53n) + 1n, 0n, -1n];

  it('the whole int64 range arrives exactly', async () => {
    const file = writeSqlite(files.path('int.db'), (db) => {
      db.defaultSafeIntegers(true);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)');
      const ins = db.prepare('INSERT INTO t VALUES (?, ?)');
      values.forEach((v, i) => ins.run(BigInt(i + 1), v));
    });
    const s = schema();
    const r = expectResult(await migrateOrError({ source: file, target: pg.url, schema: s }));
    expect(r.plan.tables[0]!.columns.find((c) => c.source === 'v')!.pgType).toBe('bigint');
    const rows = await pg.client.query<{ v: string }>(`SELECT v::text FROM ${s}.t ORDER BY id`);
    expect(rows.rows.map((x) => BigInt(x.v))).toEqual(values);
  });

  it('a value out of range of a smallint target (--cast) is an error, not a wrap', async () => {
    const file = writeSqlite(files.path('small.db'), (db) => {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, qty INTEGER); INSERT INTO t VALUES (1, 12), (2, 40000)');
    });
    const err = expectError(await migrateOrError({ source: file, target: pg.url, schema: schema(), casts: [parseCastRule('column t.qty to smallint')] }));
    expect(err.code).toBe('COPY_VALUE_REJECTED');
    expect(err.details).toMatchObject({ table: 't', column: 'qty', key: 2 });
    expect(String(err.details.reason)).toMatch(/range/);
  });
});

describe('floats', () => {
  const values = [-0, 5e-324, 2.2250738585072014e-308, Infinity, -Infinity, 0.1, 1e300, 1 / 3, -1.7976931348623157e308, 123456789.125];

  // A REAL-affinity column stores -0.0 as the integer 0 (SQLite's own rule); a column without
  // a declared type keeps the real -0.0, so that is where the sign can be checked.
  it('round-trip exactly: -0, subnormals, ±Infinity, shortest representation', async () => {
    const file = writeSqlite(files.path('float.db'), (db) => {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v)');
      const ins = db.prepare('INSERT INTO t VALUES (?, ?)');
      values.forEach((v, i) => ins.run(i + 1, v));
    });
    const s = schema();
    // The float contract is double precision, whatever an untyped column would become.
    const r = expectResult(await migrateOrError({ source: file, target: pg.url, schema: s, casts: [parseCastRule('column t.v to double precision')] }));
    expect(r.plan.tables[0]!.columns.find((c) => c.source === 'v')!.pgType).toBe('double precision');
    const rows = await pg.client.query<{ v: string }>(`SELECT v::text FROM ${s}.t ORDER BY id`);
    const back = rows.rows.map((r) => Number(r.v));
    back.forEach((v, i) => expect(Object.is(v, values[i]), `${rows.rows[i]!.v} vs ${values[i]}`).toBe(true));
    // Shortest round trip: PostgreSQL prints what JavaScript prints (exponent spelling aside).
    expect(rows.rows.map((r) => r.v)).toEqual(['-0', '5e-324', '2.2250738585072014e-308', 'Infinity', '-Infinity', '0.1', '1e+300', '0.3333333333333333', '-1.7976931348623157e+308', '123456789.125']);
  });

  it('NaN: SQLite stores it as NULL, and NULL is what arrives', async () => {
    const file = writeSqlite(files.path('nan.db'), (db) => {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v REAL)');
      db.prepare('INSERT INTO t VALUES (1, ?)').run(NaN);
    });
    const s = schema();
    expectResult(await migrateOrError({ source: file, target: pg.url, schema: s }));
    expect((await pg.client.query(`SELECT v FROM ${s}.t`)).rows).toEqual([{ v: null }]);
  });
});

describe('BLOBs and storage classes', () => {
  it('BLOB bytes in a TEXT column and text in a BLOB column are carried as stored', async () => {
    const file = writeSqlite(files.path('blobtext.db'), (db) => {
      db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT, data BLOB);
               INSERT INTO t VALUES (1, x'68c3a96c6c6f', 'plain text'), (2, 'text', x'00ff10')`);
    });
    const s = schema();
    expectResult(await migrateOrError({ source: file, target: pg.url, schema: s }));
    const rows = await pg.client.query<{ note: string; data: string }>(`SELECT note, encode(data, 'hex') AS data FROM ${s}.t ORDER BY id`);
    expect(rows.rows).toEqual([
      { note: 'héllo', data: Buffer.from('plain text').toString('hex') },
      { note: 'text', data: '00ff10' },
    ]);
  });
});

describe('keys and constraints the data breaks', () => {
  it('orphan foreign-key rows: the error lists the table, rowid and missing key', async () => {
    const file = writeSqlite(files.path('orphan.db'), (db) => {
      db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
               CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id));
               PRAGMA foreign_keys = OFF;
               INSERT INTO parent VALUES (1), (2); INSERT INTO child VALUES (10, 1), (11, 99), (12, 2), (13, 77)`);
    });
    const s = schema();
    const err = expectError(await migrateOrError({ source: file, target: pg.url, schema: s }));
    expect(err.code).toBe('PG_DDL_FAILED');
    expect(err.message).toMatch(/child/);
    expect(err.message).toMatch(/rowid 11\b[^\n]*99/);
    expect(err.message).toMatch(/rowid 13\b[^\n]*77/);
    // The key is added NOT VALID before its check: a failed check must not leave it behind.
    const keys = await pg.client.query(`SELECT conname FROM pg_constraint WHERE contype = 'f' AND connamespace = $1::regnamespace`, [s]);
    expect(keys.rows).toEqual([]);

    // An attempt killed between adding the key and checking it leaves it NOT VALID: --resume checks it.
    await pg.client.query(`ALTER TABLE ${s}.child ADD CONSTRAINT child_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES ${s}.parent (id) NOT VALID`);
    const again = expectError(await migrateOrError({ source: file, target: pg.url, schema: s, resume: true }));
    expect(again.code).toBe('PG_DDL_FAILED');
    expect(again.message).toMatch(/rowid 13\b[^\n]*77/);
  });

  it('NULLs in a non-INTEGER primary key: carried under a UNIQUE key by default; --strict-types stops, and skip-row then rejects them', async () => {
    const file = writeSqlite(files.path('nullpk.db'), (db) => {
      db.exec(`CREATE TABLE codes (code TEXT PRIMARY KEY, label TEXT); INSERT INTO codes VALUES ('a', 'A'), (NULL, 'x'), ('b', 'B'), (NULL, 'y')`);
    });
    const carried = schema();
    const ok = expectResult(await migrateOrError({ source: file, target: pg.url, schema: carried }));
    expect(ok.warnings.map((w) => w.object)).toContain('codes');
    expect((await pg.client.query(`SELECT code, label FROM ${carried}.codes ORDER BY label`)).rows).toEqual([{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }, { code: null, label: 'x' }, { code: null, label: 'y' }]);
    const err = expectError(await migrateOrError({ source: file, target: pg.url, schema: schema(), strictTypes: true }));
    expect(err.code).toBe('MAP_MIXED_TYPES');
    expect(err.message).toMatch(/codes\.code: 2 NULL value\(s\) in a primary key column/);
    const s = schema();
    const r = expectResult(await migrateOrError({ source: file, target: pg.url, schema: s, strictTypes: true, onError: 'skip-row' }));
    expect(r.rejects.map((x) => [x.table, x.key, x.column])).toEqual([
      ['codes', 2, 'code'],
      ['codes', 4, 'code'],
    ]);
    expect((await pg.client.query(`SELECT code FROM ${s}.codes ORDER BY 1`)).rows).toEqual([{ code: 'a' }, { code: 'b' }]);
  });

  it('values distinct in SQLite but equal in PostgreSQL under a UNIQUE index: the error lists the rows', async () => {
    const file = writeSqlite(files.path('dup.db'), (db) => {
      db.exec(`CREATE TABLE ev (id INTEGER PRIMARY KEY, at DATETIME); CREATE UNIQUE INDEX ev_at ON ev(at);
               INSERT INTO ev VALUES (1, '2024-01-01 10:00:00'), (2, '2024-01-01T10:00:00'), (3, '2024-01-02 10:00:00')`);
    });
    const err = expectError(await migrateOrError({ source: file, target: pg.url, schema: schema() }));
    expect(err.code).toBe('PG_DDL_FAILED');
    expect(err.message).toMatch(/ev_at/);
    expect(err.message).toMatch(/2024-01-01 10:00:00/);
  });

  it.each([['2024-02-30'], ['0000-00-00']])('an impossible date (%s) stops the load with the row', async (bad) => {
    const file = writeSqlite(files.path(`date-${bad}.db`), (db) => {
      db.exec('CREATE TABLE d (id INTEGER PRIMARY KEY, day DATE)');
      db.prepare('INSERT INTO d VALUES (?, ?)').run(1, '2024-02-29');
      db.prepare('INSERT INTO d VALUES (?, ?)').run(5, bad);
    });
    const err = expectError(await migrateOrError({ source: file, target: pg.url, schema: schema() }));
    expect(err.code).toBe('COPY_VALUE_REJECTED');
    expect(err.details).toMatchObject({ table: 'd', column: 'day', key: 5 });
    expect(err.message).toContain(bad);
  });
});

describe('identifiers', () => {
  it('reserved words, spaces, quotes, dots and Unicode arrive as names PostgreSQL accepts, and verify', async () => {
    const names = ['user', 'order', 'references', 'my table', 'say "hi"', 'dot.ted', 'ünïcødé 表'];
    const q = (x: string): string => `"${x.replaceAll('"', '""')}"`;
    const file = writeSqlite(files.path('names.db'), (db) => {
      for (const t of names) db.exec(`CREATE TABLE ${q(t)} (id INTEGER PRIMARY KEY, ${q('select')} TEXT, ${q(t + ' col')} INTEGER); INSERT INTO ${q(t)} VALUES (1, ${q('select').replaceAll('"', "'")}, 2)`);
    });
    const s = schema();
    const r = expectResult(await migrateOrError({ source: file, target: pg.url, schema: s, identifiers: 'preserve' }));
    expect(r.verification?.ok).toBe(true);
    const got = await pg.client.query<{ relname: string }>(`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 1`, [s]);
    expect(got.rows.map((x) => x.relname).sort()).toEqual([...names].sort());
  });

  it('two column names equal in their first 63 bytes: the second is numbered, every value arrives; --strict-types stops before any change', async () => {
    const long = 'a'.repeat(62);
    const file = writeSqlite(files.path('collide.db'), (db) => {
      db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, ${long}_one TEXT, ${long}_two TEXT, CHECK (length(${long}_two) < 10));
               CREATE INDEX t_two ON t (upper(${long}_two)); CREATE VIEW v AS SELECT ${long}_two AS two FROM t;
               INSERT INTO t VALUES (1, 'one', 'two'), (2, NULL, 'deux')`);
    });
    const s = schema();
    const r = expectResult(await migrateOrError({ source: file, target: pg.url, schema: s }));
    expect(r.verification?.ok).toBe(true);
    expect(r.incomplete).toEqual([]);
    expect(r.warnings.find((w) => w.object === `t.${long}_two`)?.message).toContain(`column named "${'a'.repeat(61)}_1"`);
    const got = await pg.client.query(`SELECT "${long}_", "${'a'.repeat(61)}_1" FROM ${s}.t ORDER BY id`);
    expect(got.rows.map((x) => Object.values(x))).toEqual([['one', 'two'], [null, 'deux']]);
    // The CHECK, the index and the view name the renamed column.
    expect((await pg.client.query(`SELECT two FROM ${s}.v ORDER BY 1`)).rows).toEqual([{ two: 'deux' }, { two: 'two' }]);

    const err = expectError(await migrateOrError({ source: file, target: pg.url, schema: schema(), strictTypes: true }));
    expect(err.code).toBe('MAP_IDENTIFIER_COLLISION');
    expect(err.message).toContain(`${long}_one`);
  });
});
