import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stopSandbox } from '@catdb/core/sandbox';
import { runCli } from '../support/run-cli.js';
import { expectRefused, makeForeignTree, snapshotTree } from './foreign-tree.js';

// sandbox up / down on folders catdb did not create: they survive byte for byte, with mode and owner.
const base = mkdtempSync(join(tmpdir(), 'catdb-sec-sandbox-'));
chmodSync(base, 0o755);
const adopted = join(base, 'empty-before');

afterAll(async () => {
  if (existsSync(join(adopted, 'sandbox.json'))) await stopSandbox({ dir: adopted }).catch(() => {});
  rmSync(base, { recursive: true, force: true });
});

describe('sandbox up', () => {
  it('refuses a non-empty folder it did not create, even one whose primary/data lacks PG_VERSION', async () => {
    const dir = makeForeignTree(join(base, 'foreign-up'), { 'notes.txt': 'mine', 'primary/data/keep.txt': 'precious' }, { mode: 0o755 });
    const before = snapshotTree(dir);
    expectRefused(await runCli(['sandbox', 'up', '--replicas', '0', '--dir', dir, '--json']), dir);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('uses an empty folder that existed, and down --purge empties it but keeps the folder as it was', async () => {
    mkdirSync(adopted, { mode: 0o755 });
    chmodSync(adopted, 0o755);
    const st = statSync(adopted);
    const up = await runCli(['sandbox', 'up', '--replicas', '0', '--dir', adopted, '--json']);
    expect(up.code, up.stderr).toBe(0);
    const down = await runCli(['sandbox', 'down', '--purge', '--dir', adopted, '--json']);
    expect(down.code, down.stderr).toBe(0);
    expect(down.events.find((e) => e.type === 'result')).toMatchObject({ stopped: ['primary'], purged: true, folderKept: true });
    expect(readdirSync(adopted)).toEqual([]);
    expect(snapshotTree(adopted)).toEqual({ '.': { type: 'dir', mode: st.mode & 0o7777, uid: st.uid, gid: st.gid } });
  });
});

describe('sandbox down', () => {
  it('refuses a folder without a sandbox, with or without --purge, and names it', async () => {
    const dir = makeForeignTree(join(base, 'foreign-down'), { 'notes.txt': 'mine', 'primary/data/PG_VERSION': '15\n' });
    const before = snapshotTree(dir);
    for (const args of [[], ['--purge']]) {
      const run = await runCli(['sandbox', 'down', '--dir', dir, '--json', ...args]);
      expect(run.code).toBe(1);
      expect(run.events.find((e) => e.type === 'error')).toMatchObject({ message: expect.stringContaining(dir), details: { dir } });
    }
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('will not --purge a folder whose sandbox.json was copied from elsewhere', async () => {
    const dir = makeForeignTree(join(base, 'copied'), { 'notes.txt': 'mine' });
    const elsewhere = join(base, 'original');
    const state = { version: 1, createdAt: '', updatedAt: '', dir: elsewhere, primary: { name: 'primary', dir: join(elsewhere, 'primary'), dataDir: join(elsewhere, 'primary', 'data'), port: 1, url: 'postgres://x@127.0.0.1:1/postgres' }, replicationUser: 'r', passwordFile: join(elsewhere, 'pw'), replicas: [], services: {} };
    writeFileSync(join(dir, 'sandbox.json'), JSON.stringify(state));
    const before = snapshotTree(dir);
    expectRefused(await runCli(['sandbox', 'down', '--purge', '--dir', dir, '--json']), dir);
    expect(snapshotTree(dir)).toEqual(before);
  });
});
