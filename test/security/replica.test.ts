import { chmodSync, chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initReplica } from '@catdb/core/replica';
import { serverOsUser } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { startTestPrimary, type TestPrimary } from '../support/test-primary.js';
import { expectRefused, makeForeignTree, snapshotTree } from './foreign-tree.js';

// replica remove and replica init against a real primary: folders catdb did not make
// survive byte for byte, with their mode and owner, and the refusal names them.
let primary: TestPrimary;

beforeAll(async () => {
  primary = await startTestPrimary('sec-replica');
});
afterAll(async () => {
  await primary?.cleanup();
});

const slotExists = async (slot: string): Promise<boolean> => (await primary.query('select 1 from pg_replication_slots where slot_name = $1', [slot])).length === 1;
const remove = (slot: string, dataDir: string) => runCli(['replica', 'remove', '--primary', primary.url, '--slot', slot, '--data-dir', dataDir, '--json']);
const init = (slot: string, dataDir: string) => runCli(['replica', 'init', '--primary', primary.url, '--slot', slot, '--data-dir', dataDir, '--password-file', primary.passwordFile, '--json']);

describe('replica remove', () => {
  it('with a data directory that does not exist, drops the slot and leaves the foreign <dir>.catdb untouched, saying so', async () => {
    const dataDir = join(primary.base, 'gone', 'data');
    const side = makeForeignTree(`${dataDir}.catdb`, { 'pgpass': 'someone else\n', 'notes.txt': 'keep me' });
    const before = snapshotTree(side);
    await primary.query("select pg_create_physical_replication_slot('sec_gone')");
    const run = await remove('sec_gone', dataDir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.events.find((e) => e.type === 'result')).toMatchObject({ slotDropped: true, dataDirRemoved: false, removed: [], left: [{ path: dataDir }, { path: side }] });
    expect(snapshotTree(side)).toEqual(before);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a standby-looking data directory catdb did not make, before dropping the slot', async () => {
    const dataDir = join(primary.base, 'theirs', 'data');
    makeForeignTree(join(primary.base, 'theirs'), { 'data/PG_VERSION': '15\n', 'data/standby.signal': '', 'data/postgresql.auto.conf': "primary_slot_name = 'sec_theirs'\n", 'data.catdb/server.log': 'their log' });
    const before = snapshotTree(join(primary.base, 'theirs'));
    await primary.query("select pg_create_physical_replication_slot('sec_theirs')");
    const run = await remove('sec_theirs', dataDir);
    expectRefused(run, dataDir);
    expect(snapshotTree(join(primary.base, 'theirs'))).toEqual(before);
    expect(await slotExists('sec_theirs')).toBe(true);
    await primary.query("select pg_drop_replication_slot('sec_theirs')");
  });

  it('removes a standby replica init made, and reports both folders', async () => {
    const dataDir = join(primary.base, 'mine', 'data');
    await initReplica({ primaryUrl: primary.url, dataDir, slot: 'sec_mine', passwordFile: primary.passwordFile });
    const run = await remove('sec_mine', dataDir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.events.find((e) => e.type === 'result')).toMatchObject({
      slotDropped: true,
      dataDirRemoved: true,
      removed: [
        { path: dataDir, how: 'removed' },
        { path: `${dataDir}.catdb`, how: 'removed' },
      ],
      left: [],
    });
    expect(existsSync(dataDir) || existsSync(`${dataDir}.catdb`)).toBe(false);
    expect(await slotExists('sec_mine')).toBe(false);
  });

  it('fills an empty data directory that is already the server user\'s without chmod, and on remove empties it but keeps it', async () => {
    const dataDir = join(primary.base, 'mount', 'data');
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o700);
    const osUser = serverOsUser();
    if (osUser) chownSync(dataDir, osUser.uid, osUser.gid);
    const before = statSync(dataDir);
    await initReplica({ primaryUrl: primary.url, dataDir, slot: 'sec_mount', passwordFile: primary.passwordFile });
    const run = await remove('sec_mount', dataDir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.events.find((e) => e.type === 'result')).toMatchObject({ removed: [{ path: dataDir, how: 'emptied' }, { path: `${dataDir}.catdb`, how: 'removed' }] });
    expect(snapshotTree(dataDir)).toEqual({ '.': { type: 'dir', mode: before.mode & 0o7777, uid: before.uid, gid: before.gid } });
  });
});

describe('replica init', () => {
  it('refuses a non-empty <dir>.catdb it did not create, before creating a slot or the data directory', async () => {
    const dataDir = join(primary.base, 'side', 'data');
    const side = makeForeignTree(`${dataDir}.catdb`, { 'notes.txt': 'keep me' });
    const before = snapshotTree(side);
    const run = await init('sec_side', dataDir);
    expectRefused(run, side);
    expect(snapshotTree(side)).toEqual(before);
    expect(existsSync(dataDir)).toBe(false);
    expect(await slotExists('sec_side')).toBe(false);
  });

  it('does not chown an empty <dir>.catdb it did not create', async () => {
    const dataDir = join(primary.base, 'side-empty', 'data');
    const side = makeForeignTree(`${dataDir}.catdb`, {}, { mode: 0o755 });
    const before = snapshotTree(side);
    expectRefused(await init('sec_side_empty', dataDir), side);
    expect(snapshotTree(side)).toEqual(before);
  });

  it('does not chmod or chown an empty data directory it did not create', async () => {
    const dataDir = makeForeignTree(join(primary.base, 'data-empty'), {}, { mode: 0o755 });
    const before = snapshotTree(dataDir);
    expectRefused(await init('sec_data_empty', dataDir), dataDir);
    expect(snapshotTree(dataDir)).toEqual(before);
    expect(await slotExists('sec_data_empty')).toBe(false);
  });
});
