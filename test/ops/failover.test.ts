import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, findPgBinDir, type PgClient, serverOsUser, stopStandbyServer } from '../support/core-internals.js';
import { poll } from '../support/poll.js';
import { postmasterPid } from '../support/proc.js';
import { runCli } from '../support/run-cli.js';
import { queryUrl } from '../support/test-server.js';
import { stopSandbox, type SandboxState } from '@catdb/core/sandbox';

const base = mkdtempSync(join(tmpdir(), 'catdb-failover-'));
chmodSync(base, 0o755);
const dir = join(base, 'sb');
let state: SandboxState;
let pooledUrl: string;
let pgbouncerDir: string;

/**
 * Writes one row per transaction through PgBouncer, as an application would: on an error it
 * reconnects to the same URL (it is never told about the failover) and goes on. Bounded in
 * rows and time; records each id whose COMMIT was acknowledged.
 */
function clientLoop(url: string, limits = { rows: 20_000, ms: 240_000 }) {
  const acked: number[] = [];
  const errors: string[] = [];
  let running = true;
  const done = (async () => {
    const until = Date.now() + limits.ms;
    let client: PgClient | undefined;
    for (let id = 1; running && id <= limits.rows && Date.now() < until; id++) {
      try {
        client ??= await connect(url, { timeoutMs: 15_000 });
        await client.query('insert into drill (id) values ($1)', [id]);
        acked.push(id);
      } catch (err) {
        errors.push((err as Error).message);
        await client?.end().catch(() => {});
        client = undefined;
        await sleep(100);
      }
    }
    await client?.end().catch(() => {});
  })();
  return { acked, errors, stop: async () => ((running = false), await done) };
}

/** A process that exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

beforeAll(async () => {
  const up = await runCli(['sandbox', 'up', '--dir', dir, '--replicas', '2', '--pgbouncer'], { timeoutMs: 300_000 });
  expect(up.code, up.stderr).toBe(0);
  state = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8')) as SandboxState;
  const pgbouncer = state.services.pgbouncer as { dir: string; url: string };
  pooledUrl = pgbouncer.url;
  pgbouncerDir = pgbouncer.dir;
  // replica1 is the synchronous standby: a COMMIT is acknowledged only once it has flushed it.
  // wal_log_hints lets replica2 be rewound if it received more than replica1 before the crash.
  const primary = await connect(state.primary.url);
  try {
    await primary.query("alter system set synchronous_standby_names = 'sandbox_replica1'");
    await primary.query("alter system set synchronous_commit = 'on'");
    await primary.query("alter system set wal_log_hints = 'on'");
  } finally {
    await primary.end();
  }
  await stopStandbyServer(findPgBinDir(), state.primary.dataDir, serverOsUser(), 'fast');
  const again = await runCli(['sandbox', 'up', '--dir', dir, '--replicas', '2', '--pgbouncer'], { timeoutMs: 300_000 });
  expect(again.code, again.stderr).toBe(0);
  await poll('replica1 to be synchronous', async () => {
    const rows = await queryUrl<{ sync_state: string }>(state.primary.url, "select sync_state from pg_stat_replication where application_name = 'sandbox_replica1'");
    return rows[0]?.sync_state === 'sync' ? true : undefined;
  });
  await queryUrl(pooledUrl, 'create table drill (id int primary key, at timestamptz default clock_timestamp())');
}, 600_000);

afterAll(async () => {
  if (existsSync(join(dir, 'sandbox.json'))) await stopSandbox({ dir, purge: true }).catch(() => {});
  rmSync(base, { recursive: true, force: true });
});

describe('failover drill', () => {
  it('kill the primary, promote replica1 with PgBouncer, replica2 follows; clients resume and lose no acknowledged write', async () => {
    const [replica1, replica2] = state.replicas as [SandboxState['replicas'][0], SandboxState['replicas'][0]];
    const loop = clientLoop(pooledUrl);
    try {
      await poll('writes through PgBouncer', async () => (loop.acked.length >= 200 ? true : undefined));
      await stopStandbyServer(findPgBinDir(), state.primary.dataDir, serverOsUser(), 'immediate');
      const ackedBeforePromote = loop.acked.length;

      const promote = await runCli(['replica', 'promote', '--replica', replica1.url, '--pgbouncer-dir', pgbouncerDir, '--json'], { timeoutMs: 180_000 });
      expect(promote.code, promote.stdout + promote.stderr).toBe(0);
      const result = promote.events.find((e) => e.type === 'result') as { promoted: boolean; timeline: number; pgbouncer: { aliases: string[]; changed: boolean } };
      expect(result).toMatchObject({ promoted: true, timeline: 2, pgbouncer: { aliases: ['postgres'], changed: true } });
      expect(promote.events.filter((e) => e.type === 'pgbouncer.admin-command').map((e) => e.command)).toEqual(['PAUSE postgres', 'RELOAD', 'RESUME postgres']);
      expect(promote.events.find((e) => e.type === 'replica.check' && (e.check as { name: string }).name === 'lag')).toBeTruthy();

      // The same URL, never reconfigured, writes again — now on replica1.
      await poll('writes to resume through PgBouncer', async () => (loop.acked.length >= ackedBeforePromote + 100 ? true : undefined), { timeoutMs: 120_000 });
      expect(await queryUrl(pooledUrl, 'select pg_is_in_recovery() as r, inet_server_port() as port')).toEqual([{ r: false, port: replica1.port }]);

      const follow = await runCli(['replica', 'follow', '--replica', replica2.url, '--primary', replica1.url, '--json'], { timeoutMs: 300_000 });
      expect(follow.code, follow.stdout + follow.stderr).toBe(0);
      const followed = follow.events.find((e) => e.type === 'result') as { slot: string; plan: { rewind: boolean; reason: string } };
      expect(followed.slot).toBe('sandbox_replica2');
      expect(followed.plan.reason).toMatch(/timeline 1/);
      // No password was written into the standby's own configuration.
      expect(readFileSync(join(replica2.dataDir, 'postgresql.auto.conf'), 'utf8')).not.toMatch(/password\s*=/i);
      // sandbox.json follows what catdb changed: replica1 is the primary, the old one waits for rejoin.
      const after = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8')) as SandboxState;
      expect(after.primary).toMatchObject({ name: 'replica1', dataDir: replica1.dataDir, port: replica1.port });
      expect(after.primary).not.toHaveProperty('slot');
      expect(after.replicas.map((r) => [r.name, Boolean(r.needsRejoin)])).toEqual([['replica2', false], ['primary', true]]);
    } finally {
      await loop.stop();
    }

    // Every COMMIT acknowledged to the client — before the kill, during and after the failover — is on the new primary.
    const ids = new Set((await queryUrl<{ id: number }>(replica1.url, 'select id from drill')).map((r) => r.id));
    const missing = loop.acked.filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    expect(loop.acked.length).toBeGreaterThan(300);

    // replica2 replays the writes made after the failover, and the new topology checks OK.
    const last = loop.acked.at(-1)!;
    await poll('replica2 to replay the last write', async () => ((await queryUrl<{ n: number }>(replica2.url, 'select count(*)::int as n from drill where id = $1', [last]))[0]!.n === 1 ? true : undefined));
    const lag = await runCli(['replica', 'lag', '--primary', replica1.url, '--replica', replica2.url, '--nagios']);
    expect(lag.stdout).toMatch(/^REPLICA OK: /);
    expect(lag.code).toBe(0);
  });

  it('rejoin brings the crashed old primary back as a standby of the new one, writes after the fork and all', async () => {
    const replica1 = state.replicas[0]!;
    const run = await runCli(['replica', 'rejoin', '--data-dir', state.primary.dataDir, '--primary', replica1.url, '--password-file', state.passwordFile, '--json'], { timeoutMs: 300_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const result = run.events.find((e) => e.type === 'result') as { standbyUrl: string; slot: string };
    expect(result.standbyUrl).not.toMatch(/:[^/@]*@/);
    expect(readFileSync(join(state.primary.dataDir, 'postgresql.auto.conf'), 'utf8')).not.toMatch(/password\s*=/i);
    // Its own port survived the rewind, which copies the new primary's files.
    expect(Number(new URL(result.standbyUrl).port)).toBe(state.primary.port);
    const newest = (await queryUrl<{ id: number }>(replica1.url, 'select max(id) as id from drill'))[0]!.id;
    await poll('the old primary to replay the newest write', async () => ((await queryUrl<{ n: number }>(state.primary.url, 'select count(*)::int as n from drill where id = $1', [newest]))[0]!.n === 1 ? true : undefined));
    expect(await queryUrl(state.primary.url, 'select pg_is_in_recovery() as r')).toEqual([{ r: true }]);
    const lag = await runCli(['replica', 'lag', '--primary', replica1.url, '--replica', state.replicas[1]!.url, '--replica', state.primary.url, '--nagios']);
    expect(lag.stdout).toMatch(/^REPLICA OK: /);
    expect(lag.code).toBe(0);
    const after = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8')) as SandboxState;
    expect(after.replicas.find((r) => r.name === 'primary')).toEqual(expect.objectContaining({ slot: result.slot, url: result.standbyUrl }));
    expect(after.replicas.find((r) => r.name === 'primary')).not.toHaveProperty('needsRejoin');
  });

  it('sandbox status describes the new topology, down stops every process of it and up starts it again as it is', async () => {
    const status = await runCli(['sandbox', 'status', '--dir', dir, '--json']);
    const doc = status.events[0] as { state: SandboxState; running: Record<string, boolean>; replication: { state: string; status: { primary: { timeline: number } }; standbys: { slotName: string; condition: string }[] } };
    expect(doc.state.primary.name).toBe('replica1');
    expect(doc.running).toEqual({ replica1: true, replica2: true, primary: true, pgbouncer: true });
    expect(doc.replication.status.primary.timeline).toBe(2);
    expect(doc.replication.state).toBe('OK');
    expect(doc.replication.standbys.map((v) => [v.slotName, v.condition]).sort()).toEqual([
      [doc.state.replicas.find((r) => r.name === 'primary')!.slot, 'streaming'],
      ['sandbox_replica2', 'streaming'],
    ].sort());
    const text = await runCli(['sandbox', 'status', '--dir', dir]);
    expect(text.stdout).toMatch(/^ {2}replica1 \(primary\) running {2}127\.0\.0\.1:\d+$/m);

    const members = [state.primary.dataDir, ...state.replicas.map((r) => r.dataDir)];
    const pids = [...members.map((d) => postmasterPid(d)), Number(readFileSync(join(pgbouncerDir, 'pgbouncer.pid'), 'utf8'))];
    const down = await runCli(['sandbox', 'down', '--dir', dir, '--json'], { timeoutMs: 180_000 });
    expect(down.code, down.stdout + down.stderr).toBe(0);
    expect((down.events.find((e) => e.type === 'result') as { stopped: string[] }).stopped.sort()).toEqual(['pgbouncer', 'primary', 'replica1', 'replica2']);
    // pg_ctl stop -w returns once postmaster.pid is gone; the process exits (and is reaped) just after.
    await poll('the stopped processes to exit', async () => (pids.filter(isAlive).length === 0 ? true : undefined), { timeoutMs: 30_000 });
    expect(members.filter((d) => existsSync(join(d, 'postmaster.pid')))).toEqual([]);

    // up on a sandbox that failed over starts its members as they are: replica1 stays the primary.
    const up = await runCli(['sandbox', 'up', '--dir', dir, '--json'], { timeoutMs: 300_000 });
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(await queryUrl(state.replicas[0]!.url, 'select pg_is_in_recovery() as r')).toEqual([{ r: false }]);
    expect(await queryUrl(state.primary.url, 'select pg_is_in_recovery() as r')).toEqual([{ r: true }]);
  });
});
