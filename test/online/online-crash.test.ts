import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliChild, runCli, startCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { createAppDatabase } from './app-database.js';
import { startWriter, type WriterRun } from './app-writer-run.js';
import { expectCommittedWritesInTarget, expectFencedAfterCutover } from './online-assertions.js';

// kill -9 of catdb while it copies, while it follows and in the middle of a cutover (lock
// held; file fenced but not recorded), with the application writing all along: running the
// same command again ends in the same state as an uninterrupted run.

const ROWS = 200_000;
let dir: string;
let file: string;
const db = useScratchDatabase('online_crash', { each: true });
let writer: WriterRun | undefined;
let n = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-online-crash-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  file = join(dir, `app-${++n}.db`);
  createAppDatabase(file, ROWS);
  writer = await startWriter(file, join(dir, `writer-${n}.ndjson`), 50, n);
});
afterEach(async () => {
  await writer?.stop();
  writer = undefined;
});

const online = (): CliChild => startCli(['migrate', 'sqlite-to-pg', file, '--to', db.url, '--online', '--json', '--jobs', '2']);
const caughtUp = (run: CliChild): Promise<unknown> => run.waitForEvent((e) => e.type === 'online-lag' && e.caughtUp === true);

async function kill9(run: CliChild): Promise<void> {
  run.child.kill('SIGKILL');
  expect((await run.done).signal).toBe('SIGKILL');
}

/** Cut over (from another process), stop the writer, and check the end state. */
async function cutOverAndCheck(follower: CliChild | undefined, cutoverArgs: string[] = []): Promise<void> {
  const cut = await runCli(['migrate', 'cutover', file, '--to', db.url, '--json', ...cutoverArgs]);
  expect(cut.code, cut.stderr).toBe(0);
  if (follower) expect((await follower.done).code).toBe(0);
  await expectEndState();
}

async function expectEndState(): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
  const lines = await writer!.stop();
  writer = undefined;
  expectFencedAfterCutover(lines);
  expect(await expectCommittedWritesInTarget(db.client, lines)).toBeGreaterThan(20);
  const verify = await runCli(['migrate', 'verify', file, '--to', db.url, '--json']);
  expect(verify.code, verify.stderr).toBe(0);
  const runs = await db.client.query<{ status: string }>(`SELECT status FROM catdb.online_run`);
  expect(runs.rows.map((r) => r.status)).toEqual(['done']);
}

describe('kill -9 of catdb during an online migration', { timeout: 600_000 }, () => {
  it('while copying: the same command copies again and follows; nothing is lost', async () => {
    const first = online();
    await first.waitForEvent((e) => e.type === 'table-progress' && e.table === 'items');
    await kill9(first);
    const again = online();
    const found = await again.waitForEvent((e) => e.type === 'online-capture');
    expect(found.action).toBe('found');
    await again.waitForEvent((e) => e.type === 'table-done' && e.table === 'items');
    await caughtUp(again);
    await cutOverAndCheck(again);
  });

  it('while following: the same command resumes from the recorded position without copying', async () => {
    const first = online();
    await caughtUp(first);
    await new Promise((r) => setTimeout(r, 1000));
    await kill9(first);
    await new Promise((r) => setTimeout(r, 1000));
    const again = online();
    await caughtUp(again);
    expect((await Promise.race([again.done, Promise.resolve(undefined)]))).toBeUndefined();
    await cutOverAndCheck(again);
    expect((await again.done).events.some((e) => e.type === 'table-start')).toBe(false);
  });

  it('during the cutover, with the write lock held: writers go on, the follower resumes, the same cutover command completes', async () => {
    const follower = online();
    await caughtUp(follower);
    const cut = startCli(['migrate', 'cutover', file, '--to', db.url, '--json']);
    await cut.waitForEvent((e) => e.type === 'write-lock' && e.status === 'acquired');
    await kill9(cut);
    await follower.waitForEvent((e) => e.type === 'online-handover' && e.status === 'resumed');
    const before = writer!.lines().length;
    await new Promise((r) => setTimeout(r, 1000));
    expect(writer!.lines().slice(before).filter((l) => l.ok).length).toBeGreaterThan(5);
    await cutOverAndCheck(follower);
  });

  it('during the cutover, after the fence: the file stays fenced and the same cutover command finishes it', async () => {
    const follower = online();
    await caughtUp(follower);
    const cut = startCli(['migrate', 'cutover', file, '--to', db.url, '--json']);
    await cut.waitForEvent((e) => e.type === 'fenced');
    await kill9(cut);
    // The kill often lands after the next step (recording the cutover, a few ms): put the
    // record back to what a kill one step earlier leaves, fenced but not recorded.
    await db.client.query(`UPDATE catdb.online_run SET status = 'cutting-over', cutover = NULL, finished_at = NULL`);
    // Whichever comes first finishes it: the waiting follower, or the cutover run again.
    const again = await runCli(['migrate', 'cutover', file, '--to', db.url, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const followed = await follower.done;
    expect(followed.code, followed.stderr).toBe(0);
    const byRerun = again.events.find((e) => e.type === 'cutover-summary')?.finishedEarlierAttempt === true;
    const byFollower = followed.events.some((e) => e.type === 'online-phase' && e.phase === 'cutover');
    expect(byRerun || byFollower).toBe(true);
    await expectEndState();
  });
});
