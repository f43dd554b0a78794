import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPostgres } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { writeSqlite } from '../support/write-sqlite.js';
import { expectRefused, makeForeignTree, snapshotTree } from './foreign-tree.js';

// The PostgreSQL catdb starts when no target is given, and the reject files of a migration:
// folders and files catdb did not create survive byte for byte, with mode and owner.
const base = mkdtempSync(join(tmpdir(), 'catdb-sec-local-'));
chmodSync(base, 0o755);
const pg = useScratchDatabase('secrej');

afterAll(() => rmSync(base, { recursive: true, force: true }));

const sqlite = (name: string): string =>
  writeSqlite(join(base, name), (db) => {
    db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, qty INTEGER); INSERT INTO items VALUES (1, 5), (2, 'lots');");
  });

describe('the local server catdb starts when no target is given', () => {
  it('refuses a $CATDB_HOME/pg it did not create, even one whose data/ lacks PG_VERSION', async () => {
    // Traversable by the server user, so catdb does pick this folder rather than one under /tmp.
    const home = makeForeignTree(join(base, 'home'), { 'pg/notes.txt': 'mine', 'pg/data/keep.txt': 'precious' }, { mode: 0o755 });
    const before = snapshotTree(home);
    const run = await runCli(['migrate', 'sqlite-to-pg', sqlite('app.db'), '--json'], { env: { DATABASE_URL: '', CATDB_HOME: home } });
    expectRefused(run, join(home, 'pg'));
    expect(snapshotTree(home)).toEqual(before);
    // destroy refuses it too, and deletes nothing.
    const destroy = await runCli(['local', 'destroy', '--yes', '--json'], { env: { CATDB_HOME: home } });
    expectRefused(destroy, join(home, 'pg'));
    expect(snapshotTree(home)).toEqual(before);
  });

  it('does not chmod an empty folder it did not create', async () => {
    const dir = makeForeignTree(join(base, 'empty-server'), {}, { mode: 0o755 });
    const before = snapshotTree(dir);
    await expect(startLocalPostgres({ dir })).rejects.toMatchObject({ code: 'FS_NOT_OWNED', message: expect.stringContaining(dir), hint: expect.stringContaining('chmod 700') });
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe('reject files', () => {
  it('are never written over a file in a folder catdb did not create', async () => {
    const rejectDir = makeForeignTree(join(base, 'rejects'), { 'items.ndjson': 'their own notes\n' });
    const before = snapshotTree(rejectDir);
    const run = await runCli(['migrate', 'sqlite-to-pg', sqlite('rej.db'), '--to', pg.url, '--schema', 'rej', '--on-error', 'skip-row', '--strict-types', '--reject-dir', rejectDir, '--json']);
    expectRefused(run, join(rejectDir, 'items.ndjson'));
    expect(snapshotTree(rejectDir)).toEqual(before);
  });

  it('are replaced on a re-run in the folder catdb created for them', async () => {
    const rejectDir = join(base, 'own-rejects');
    const file = sqlite('again.db');
    for (const schema of ['rej_a', 'rej_b']) {
      const run = await runCli(['migrate', 'sqlite-to-pg', file, '--to', pg.url, '--schema', schema, '--on-error', 'skip-row', '--strict-types', '--allow-rejects', '--reject-dir', rejectDir, '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.events.find((e) => e.type === 'summary')).toMatchObject({ rejected: 1, rejectFiles: [join(rejectDir, 'items.ndjson')] });
    }
  });
});
