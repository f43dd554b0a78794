import { spawn } from 'node:child_process';
import { copyFileSync, openSync, readFileSync, writeFileSync, writeSync, closeSync, statSync, truncateSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, writePgpassFile } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';

// Every source and target problem the issue lists, produced for real, each with its code and hint.
const dirs = scratchDir('catdb-errors-');
const pg = useScratchDatabase('errors');
let good: string;

beforeAll(async () => {
  good = writeSqlite(dirs.path('good.db'), (db) => {
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
             WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) INSERT INTO t SELECT x, printf('%.100c', 'v') FROM c`);
  });
});
afterAll(() => dirs.remove());

async function migrateError(file: string, to: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ code: string; message: string; hint: string; exit: number | null }> {
  const out = await runCli(['migrate', 'sqlite-to-pg', file, '--to', to, '--json', '--schema', `s_${randomBytes(3).toString('hex')}`, ...extra], { env });
  const err = out.events.find((e) => e.type === 'error');
  if (!err) throw new Error(`expected an error; exit ${out.code}: ${out.stderr}`);
  return { code: String(err.code), message: String(err.message), hint: String(err.hint), exit: out.code };
}

describe('source problems', () => {
  it('missing file', async () => {
    const e = await migrateError(dirs.path('nope.db'), pg.url);
    expect(e).toMatchObject({ code: 'SQLITE_NOT_FOUND', exit: 1 });
  });

  it('a text file is not a SQLite database', async () => {
    const f = dirs.path('notes.txt');
    writeFileSync(f, 'hello, this is not a database\n'.repeat(20));
    const e = await migrateError(f, pg.url);
    expect(e.code).toBe('SQLITE_ENCRYPTED');
    expect(e.message).toMatch(/not a plain SQLite database/);
  });

  it('random bytes (an encrypted-looking file) get the decrypt hint', async () => {
    const f = dirs.path('cipher.db');
    writeFileSync(f, randomBytes(8192));
    const e = await migrateError(f, pg.url);
    expect(e.code).toBe('SQLITE_ENCRYPTED');
    expect(e.hint).toMatch(/decrypt/);
  });

  it('a database cut in half is reported as damaged, not migrated', async () => {
    const f = dirs.path('half.db');
    copyFileSync(good, f);
    truncateSync(f, Math.floor(statSync(f).size / 2));
    const e = await migrateError(f, pg.url);
    expect(e.code).toBe('SQLITE_CORRUPT');
    expect(e.hint).toMatch(/recover/);
  });

  it('a corrupt page is found by --check-integrity before anything is written', async () => {
    const f = dirs.path('corrupt.db');
    copyFileSync(good, f);
    const pageSize = readFileSync(f).readUInt16BE(16);
    // Scribble over the middle of a leaf page of table t (page 4 of the file).
    const fd = openSync(f, 'r+');
    writeSync(fd, Buffer.alloc(200, 0xa5), 0, 200, pageSize * 3 + 8);
    closeSync(fd);
    const e = await migrateError(f, pg.url, ['--check-integrity']);
    expect(e.code).toBe('SQLITE_CORRUPT');
    expect(e.message).toMatch(/integrity_check/);
  });

  it('a rollback-journal database held under an EXCLUSIVE lock by another process is SQLITE_LOCKED', async () => {
    const f = dirs.path('locked.db');
    copyFileSync(good, f);
    const requireFromCore = createRequire(new URL('../../packages/core/package.json', import.meta.url));
    const driver = requireFromCore.resolve('better-sqlite3');
    const holder = spawn(process.execPath, ['-e', `const D = require(${JSON.stringify(driver)}); const db = new D(${JSON.stringify(f)}); db.pragma('journal_mode = DELETE'); db.exec('BEGIN EXCLUSIVE'); db.exec("UPDATE t SET v = 'x' WHERE id = 1"); console.log('locked'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((res, rej) => {
        holder.stdout.once('data', () => res());
        holder.once('exit', (c) => rej(new Error(`lock holder exited ${c}`)));
      });
      const e = await migrateError(f, pg.url);
      expect(e.code).toBe('SQLITE_LOCKED');
      expect(e.hint).toMatch(/WAL/);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('target problems', () => {
  it('unreachable: a closed port', async () => {
    const port = await findFreePort();
    const e = await migrateError(good, `postgres://postgres@127.0.0.1:${port}/postgres`);
    expect(e.code).toBe('PG_UNREACHABLE');
    expect(e.hint).toMatch(/running/);
  });

  it('authentication failed: a wrong password in the passfile', async () => {
    const url = new URL(pg.url);
    const passfile = dirs.path('wrong.pgpass');
    writePgpassFile(passfile, [{ host: '*', port: '*', database: '*', user: '*', password: 'not-the-password' }]);
    const e = await migrateError(good, pg.url, [], { PGPASSFILE: passfile });
    expect(e.code).toBe('PG_AUTH_FAILED');
    expect(e.hint).toMatch(/password/);
    expect(e.message).not.toContain('not-the-password');
    expect(url.password).toBe('');
  });

  it('authentication failed: no password for this server in the passfile', async () => {
    const passfile = dirs.path('other-host.pgpass');
    writePgpassFile(passfile, [{ host: 'db.example.com', port: '*', database: '*', user: '*', password: 'elsewhere' }]);
    const e = await migrateError(good, pg.url, [], { PGPASSFILE: passfile });
    expect(e.code).toBe('PG_AUTH_FAILED');
    expect(e.message).toMatch(/none was found/);
    expect(e.hint).toMatch(/PGPASSFILE/);
  });

  async function roleUrl(role: string, settings: string): Promise<{ url: string; env: NodeJS.ProcessEnv }> {
    const password = randomBytes(12).toString('hex');
    await pg.client.query(`DROP ROLE IF EXISTS ${role}`);
    await pg.client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' ${settings}`);
    const passfile = dirs.path(`${role}.pgpass`);
    writePgpassFile(passfile, [{ host: '*', port: '*', database: '*', user: role, password }]);
    const url = new URL(pg.url);
    url.username = role;
    return { url: url.toString(), env: { PGPASSFILE: passfile } };
  }

  it('no privilege to create: a role without CREATE on the database or schema', async () => {
    const r = await roleUrl('catdb_noprivs', '');
    await pg.client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    const e = await migrateError(good, r.url, ['--schema', 'public'], r.env);
    expect(e.code).toBe('PG_PERMISSION_DENIED');
    expect(e.hint).toMatch(/CREATE/);
  });

  it('statement timeout: a role with a tiny statement_timeout', async () => {
    const r = await roleUrl('catdb_hurried', 'SUPERUSER');
    await pg.client.query(`ALTER ROLE catdb_hurried SET statement_timeout = '5ms'`);
    const big = writeSqlite(dirs.path('slow.db'), (db) => {
      db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
               WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) INSERT INTO t SELECT x, printf('%.200c', 'v') FROM c`);
    });
    const e = await migrateError(big, r.url, [], r.env);
    expect(e.code, e.message).toBe('PG_STATEMENT_TIMEOUT');
    expect(e.hint).toMatch(/statement_timeout/);
  });
});
