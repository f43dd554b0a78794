import { mkdtempSync, chmodSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort, findPgbouncerBin, isProcessAlive, runCommand, serverOsUser } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { serverUrl } from '../support/test-server.js';
import { poll } from '../support/poll.js';
import { expectRefused, FOREIGN_OWNER, makeForeignTree, snapshotTree } from './foreign-tree.js';

// pgbouncer init / stop on folders someone else set up for their own PgBouncer.
const base = mkdtempSync(join(tmpdir(), 'catdb-sec-pgb-'));
chmodSync(base, 0o755);
const osUser = serverOsUser();
// The user PgBouncer runs as: the only owner of a folder catdb can use without chown.
const serverOwner = osUser ? { uid: osUser.uid, gid: osUser.gid } : { uid: process.getuid!(), gid: process.getgid!() };
const pids: number[] = [];

afterAll(() => {
  for (const pid of pids) if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(base, { recursive: true, force: true });
});

const THEIR_INI = '[databases]\ntheirs = host=10.9.9.9 dbname=theirs\n';
const THEIR_USERLIST = '"them" "md5abc"\n';
const init = async (dir: string, ...extra: string[]) =>
  runCli(['pgbouncer', 'init', '--database-url', serverUrl(), '--dir', dir, '--listen', `127.0.0.1:${await findFreePort()}`, '--json', ...extra]);

describe('pgbouncer init', () => {
  it('refuses a folder holding someone else\'s pgbouncer.ini and userlist.txt, dry run too, and names it', async () => {
    const dir = makeForeignTree(join(base, 'theirs'), { 'pgbouncer.ini': THEIR_INI, 'userlist.txt': THEIR_USERLIST });
    const before = snapshotTree(dir);
    for (const extra of [[], ['--dry-run']]) {
      const run = await init(dir, ...extra);
      expectRefused(run, dir);
      expect(run.events.find((e) => e.type === 'error')).toMatchObject({ message: expect.stringContaining('pgbouncer.ini, userlist.txt'), hint: expect.stringContaining('--force') });
    }
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('with --force, still will not chmod or chown a folder it did not create: it says how to fix it', async () => {
    const dir = makeForeignTree(join(base, 'theirs-open'), { 'pgbouncer.ini': THEIR_INI }, { mode: 0o755, owner: FOREIGN_OWNER });
    const before = snapshotTree(dir);
    const run = await init(dir, '--force');
    expectRefused(run, dir);
    expect(run.events.find((e) => e.type === 'error')).toMatchObject({ hint: expect.stringContaining(`chmod 700 ${dir}`) });
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('with --force on a safe folder, keeps a .bak of each file it replaces, never over an existing .bak', async () => {
    const dir = makeForeignTree(join(base, 'theirs-safe'), { 'pgbouncer.ini': THEIR_INI, 'userlist.txt': THEIR_USERLIST, 'pgbouncer.ini.bak': 'an older backup of theirs' }, { mode: 0o700, owner: serverOwner });
    const folder = statSync(dir);
    const run = await init(dir, '--force');
    expect(run.code, run.stderr).toBe(0);
    expect(run.events.filter((e) => e.type === 'pgbouncer.file-backed-up')).toEqual([
      { type: 'pgbouncer.file-backed-up', path: join(dir, 'pgbouncer.ini'), backup: join(dir, 'pgbouncer.ini.bak.2') },
      { type: 'pgbouncer.file-backed-up', path: join(dir, 'userlist.txt'), backup: join(dir, 'userlist.txt.bak') },
    ]);
    expect(readFileSync(join(dir, 'pgbouncer.ini.bak'), 'utf8')).toBe('an older backup of theirs');
    expect(readFileSync(join(dir, 'pgbouncer.ini.bak.2'), 'utf8')).toBe(THEIR_INI);
    expect(readFileSync(join(dir, 'userlist.txt.bak'), 'utf8')).toBe(THEIR_USERLIST);
    expect(readFileSync(join(dir, 'pgbouncer.ini'), 'utf8')).toContain('auth_file');
    const after = statSync(dir);
    expect([after.mode, after.uid, after.gid]).toEqual([folder.mode, folder.uid, folder.gid]);
    // Taken over: a second run needs no --force and makes no new backup.
    const again = await init(dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.events.filter((e) => e.type === 'pgbouncer.file-backed-up')).toEqual([]);
  });
});

describe('pgbouncer stop', () => {
  it('does not stop a PgBouncer that runs from a folder catdb did not create', async () => {
    const dir = join(base, 'running');
    const port = await findFreePort();
    const ini = [
      '[databases]',
      'theirs = host=127.0.0.1 port=1 dbname=theirs',
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n');
    makeForeignTree(dir, { 'pgbouncer.ini': ini, 'userlist.txt': THEIR_USERLIST }, { mode: 0o700, owner: serverOwner });
    await runCommand(findPgbouncerBin(), ['-d', join(dir, 'pgbouncer.ini')], { user: osUser, cwd: dir, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, timeoutMs: 30_000 });
    const pid = await waitForPidfile(join(dir, 'pgbouncer.pid'));
    pids.push(pid);
    const watched = ['.', 'pgbouncer.ini', 'userlist.txt', 'pgbouncer.pid'];
    const pick = (tree: ReturnType<typeof snapshotTree>) => Object.fromEntries(watched.map((k) => [k, tree[k]]));
    const before = pick(snapshotTree(dir));
    expectRefused(await runCli(['pgbouncer', 'stop', '--dir', dir, '--json']), dir);
    expect(isProcessAlive(pid)).toBe(true);
    expect(pick(snapshotTree(dir))).toEqual(before);
  });
});

function waitForPidfile(file: string): Promise<number> {
  return poll(`PgBouncer to write ${file}`, () => Number(readFileSync(file, 'utf8').trim()), { until: (pid) => pid > 0, timeoutMs: 10_000, intervalMs: 100 });
}
