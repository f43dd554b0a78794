import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';
import { expectResult, migrateOrError } from '../support/migrate-or-error.js';

const dirs = scratchDir('catdb-blob-');
const pg = useScratchDatabase('blob');

afterAll(() => dirs.remove());

/** Peak resident memory of a live process (VmHWM, kB), read from /proc. */
function peakRssKb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

describe('large values', { timeout: 300_000 }, () => {
  // Values above 1 MiB are read, written and hashed in slices; the bound is the point.
  it('a 64 MB BLOB is carried byte for byte while catdb stays under 300 MB of memory', async () => {
    const blob = randomBytes(64 * 1024 * 1024);
    const digest = createHash('md5').update(blob).digest('hex');
    const file = writeSqlite(dirs.path('blob.db'), (db) => {
      db.exec('CREATE TABLE media (id INTEGER PRIMARY KEY, name TEXT, data BLOB)');
      db.prepare('INSERT INTO media VALUES (?, ?, ?)').run(1, 'small', Buffer.from('tiny'));
      db.prepare('INSERT INTO media VALUES (?, ?, ?)').run(2, 'big', blob);
    });
    const run = startCli(['migrate', 'sqlite-to-pg', file, '--to', pg.url, '--schema', 'blob', '--json']);
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, peakRssKb(run.child.pid!) ?? 0)), 20);
    // VmHWM is a high-water mark: the last reading before exit holds the peak.
    run.child.once('exit', () => clearInterval(timer));
    const out = await run.done;
    clearInterval(timer);
    expect(out.code, out.stderr).toBe(0);
    expect(peak).toBeGreaterThan(0);
    expect(peak / 1024).toBeLessThan(300);
    console.info(`64 MB BLOB: catdb peak RSS (VmHWM) ${Math.round(peak / 1024)} MB`);
    const back = await pg.client.query<{ n: number; h: string }>(`SELECT length(data) AS n, md5(data) AS h FROM blob.media WHERE id = 2`);
    expect(back.rows[0]).toEqual({ n: blob.length, h: digest });
  });
});

describe('a rejected row holding a large value', { timeout: 300_000 }, () => {
  // Rows with a BLOB above the slice threshold take their own loop: a value rejected there
  // must be skipped and recorded like anywhere else, in the load and in the verification.
  it('--on-error skip-row skips and records it, loads the other rows and verifies', async () => {
    const big = randomBytes(3 * 1024 * 1024);
    const file = writeSqlite(dirs.path('reject-large.db'), (db) => {
      db.exec('CREATE TABLE media (id INTEGER PRIMARY KEY, n INTEGER, data BLOB)');
      const ins = db.prepare('INSERT INTO media VALUES (?, ?, ?)');
      ins.run(1, 5, big);
      ins.run(2, 'not a number', big);
      ins.run(3, 7, Buffer.from('tiny'));
    });
    const r = expectResult(await migrateOrError({ source: file, target: pg.url, schema: 'reject_large', strictTypes: true, onError: 'skip-row' }));
    expect(r.rejects.map((x) => [x.table, x.key, x.column])).toEqual([['media', 2, 'n']]);
    expect(r.rejected).toBe(1);
    expect(r.verification?.tables.map((t) => [t.table, t.ok, t.rejected])).toEqual([['media', true, 1]]);
    const back = await pg.client.query<{ id: number; n: number; h: string }>('SELECT id, n::int AS n, md5(data) AS h FROM reject_large.media ORDER BY id');
    const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
    expect(back.rows).toEqual([
      { id: 1, n: 5, h: md5(big) },
      { id: 3, n: 7, h: md5(Buffer.from('tiny')) },
    ]);
  });
});

describe('a source written to during the migration', { timeout: 300_000 }, () => {
  it('migrates one consistent snapshot of a WAL database while another process commits', async () => {
    const file = writeSqlite(dirs.path('live.db'), (db) => {
      db.pragma('journal_mode = WAL');
      db.exec(`CREATE TABLE counter (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
               CREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);
               INSERT INTO counter VALUES (1, 0)`);
      const add = db.transaction((k: number) => {
        db.prepare('INSERT INTO events (payload) VALUES (?)').run(`event ${k} ${'p'.repeat(200)}`);
        db.prepare('UPDATE counter SET n = n + 1').run();
      });
      for (let k = 0; k < 100_000; k++) add(k);
    });
    const driver = createRequire(new URL('../../packages/core/package.json', import.meta.url)).resolve('better-sqlite3');
    // Each transaction adds one event and bumps the counter: in any snapshot, count(events) = counter.n.
    const writer = spawn(process.execPath, ['-e', `
      const D = require(${JSON.stringify(driver)}); const db = new D(${JSON.stringify(file)}); db.pragma('busy_timeout = 5000');
      const add = db.transaction(() => { db.prepare("INSERT INTO events (payload) VALUES ('late')").run(); db.prepare('UPDATE counter SET n = n + 1').run(); });
      let k = 0; console.log('writing');
      setInterval(() => { for (let i = 0; i < 50; i++) { add(); k++; } }, 1);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((res) => writer.stdout.once('data', () => res()));
      const out = await runCli(['migrate', 'sqlite-to-pg', file, '--to', pg.url, '--schema', 'live', '--json']);
      expect(out.code, out.stderr).toBe(0);
      const got = await pg.client.query<{ n: string; events: string }>(`SELECT (SELECT n FROM live.counter)::text AS n, (SELECT count(*) FROM live.events)::text AS events`);
      expect(got.rows[0]!.events).toBe(got.rows[0]!.n);
      expect(Number(got.rows[0]!.n)).toBeGreaterThanOrEqual(100_000);
      expect(out.events.find((e) => e.type === 'summary')!.verified).toBe(2);
    } finally {
      writer.kill('SIGKILL');
    }
  });
});
