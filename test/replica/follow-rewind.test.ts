import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCatdbError } from '@catdb/core';
import { followPrimary, initReplica, type InitReplicaResult, promoteReplica, rejoinPrimary } from '@catdb/core/replica';
import { findPgBinDir, isServerRunning, serverOsUser, stopStandbyServer } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { poll } from '../support/poll.js';
import { startTestPrimary, type TestPrimary } from '../support/test-primary.js';
import { queryUrl } from '../support/test-server.js';

const started: { primary: TestPrimary; standbys: InitReplicaResult[] }[] = [];

afterAll(async () => {
  for (const { primary, standbys } of started) {
    for (const s of standbys) if (isServerRunning(s.dataDir)) await stopStandbyServer(findPgBinDir(), s.dataDir, serverOsUser(), 'immediate').catch(() => {});
    await primary.cleanup();
  }
});

const rowsOf = async (url: string): Promise<number[]> => (await queryUrl<{ id: number }>(url, 'select id from t order by id')).map((r) => r.id);

/**
 * A primary with standbys A and B, then a fork: A stops receiving, the primary writes row 2,
 * B replays it, the primary dies (`-m immediate`) and A is promoted. B (and the old primary)
 * now hold WAL past the point where A's timeline 2 begins: neither can simply follow A.
 */
async function forkedCluster(prefix: string, settings: Record<string, string | number | boolean>) {
  const primary = await startTestPrimary(prefix, settings);
  const entry = { primary, standbys: [] as InitReplicaResult[] };
  started.push(entry);
  for (const name of ['a', 'b']) {
    entry.standbys.push(await initReplica({ primaryUrl: primary.url, dataDir: join(primary.base, `standby-${name}`), slot: `fork_${name}`, passwordFile: primary.passwordFile, start: true }));
  }
  const [a, b] = entry.standbys as [InitReplicaResult, InitReplicaResult];
  await primary.query('create table t (id int primary key)');
  await primary.query('insert into t values (1)');
  for (const s of [a, b]) await poll('row 1 on both standbys', async () => ((await rowsOf(s.standbyUrl)).includes(1) ? true : undefined));
  // A stops receiving (its WAL receiver is told of no primary): what follows never reaches it.
  await queryUrl(a.standbyUrl, "alter system set primary_conninfo = ''");
  await queryUrl(a.standbyUrl, 'select pg_reload_conf()');
  await poll("A's WAL receiver to stop", async () => ((await queryUrl(a.standbyUrl, 'select count(*)::int as n from pg_stat_wal_receiver'))[0]!.n === 0 ? true : undefined));
  await primary.query('insert into t values (2)');
  await poll('row 2 on B', async () => ((await rowsOf(b.standbyUrl)).includes(2) ? true : undefined));
  await stopStandbyServer(findPgBinDir(), primary.server.dataDir, serverOsUser(), 'immediate');
  const promoted = await promoteReplica({ replicaUrl: a.standbyUrl });
  expect(promoted).toMatchObject({ promoted: true, timeline: 2 });
  await queryUrl(a.standbyUrl, 'insert into t values (3)');
  return { primary, a, b };
}

describe('follow and rejoin when the timeline forked', () => {
  it('with wal_log_hints: follow rewinds B, rejoin rewinds the old primary; both stream from A and lag says OK on timeline 2', async () => {
    const { primary, a, b } = await forkedCluster('fork-hints', { wal_log_hints: true });
    const events: string[] = [];
    const followed = await followPrimary({ replicaUrl: b.standbyUrl, primaryUrl: a.standbyUrl, onEvent: (e) => e.type === 'replica.step' && events.push(`${e.step}:${e.status}${e.detail ? ` (${e.detail})` : ''}`) }).catch((err: Error) => {
      throw new Error(`${err.message} [steps: ${events.join(', ')}]\n--- B's server log:\n${readFileSync(`${b.dataDir}.catdb/server.log`, 'utf8').split('\n').slice(-30).join('\n')}`);
    });
    expect(followed.plan.rewind).toBe(true);
    expect(followed.plan.reason).toMatch(/past .* where the new primary left timeline 1: pg_rewind first/);
    expect(events).toContain('rewind:done');
    // Row 2 existed only on the dead primary's timeline: the rewind took it away; A's row 3 arrives.
    await poll('B to replay row 3', async () => ((await rowsOf(b.standbyUrl)).includes(3) ? true : undefined));
    expect(await rowsOf(b.standbyUrl)).toEqual([1, 3]);
    // B keeps its own port and configuration (the rewind copied A's files over them).
    expect(Number(new URL(b.standbyUrl).port)).toBe(b.port);
    expect(readFileSync(join(b.dataDir, 'postgresql.auto.conf'), 'utf8')).not.toMatch(/password\s*=/i);

    const rejoined = await rejoinPrimary({ dataDir: primary.server.dataDir, primaryUrl: a.standbyUrl, passwordFile: primary.passwordFile });
    await poll('the old primary to replay row 3', async () => ((await rowsOf(rejoined.standbyUrl)).includes(3) ? true : undefined));
    expect(await rowsOf(rejoined.standbyUrl)).toEqual([1, 3]);

    // The new topology: A on timeline 2, both standbys on it, streaming; not CRITICAL.
    await queryUrl(a.standbyUrl, 'insert into t values (4)');
    await poll('both standbys to replay row 4', async () => ((await rowsOf(b.standbyUrl)).includes(4) && (await rowsOf(rejoined.standbyUrl)).includes(4) ? true : undefined));
    const lag = await runCli(['replica', 'lag', '--primary', a.standbyUrl, '--replica', b.standbyUrl, '--replica', rejoined.standbyUrl, '--json']);
    const report = lag.events[0] as { state: string; standbys: { slotName: string; condition: string; primaryTimeline: number; standbyTimeline: number }[] };
    expect(report.state, lag.stdout).toBe('OK');
    expect(lag.code).toBe(0);
    expect(report.standbys.map((s) => [s.slotName, s.condition, s.primaryTimeline, s.standbyTimeline]).sort()).toEqual([
      ['fork_b', 'streaming', 2, 2],
      [rejoined.slot, 'streaming', 2, 2],
    ].sort());
    const status = await runCli(['replica', 'status', '--primary', a.standbyUrl, '--replica', b.standbyUrl]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^primary .*: timeline 2,/m);
    expect(status.stdout).toMatch(/timeline primary 2, standby 2/);
  }, 400_000); // base backups, a rewind and a rejoin: more than the default on a busy machine

  it('without wal_log_hints or checksums: follow and rejoin refuse before changing anything', async () => {
    const { primary, a, b } = await forkedCluster('fork-nohints', {});
    const autoConf = readFileSync(join(b.dataDir, 'postgresql.auto.conf'), 'utf8');
    const follow = await followPrimary({ replicaUrl: b.standbyUrl, primaryUrl: a.standbyUrl }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isCatdbError(follow, 'REPLICA_REWIND_IMPOSSIBLE'), String(follow)).toBe(true);
    expect((follow as Error).message).toMatch(/forked .* wal_log_hints = on or data checksums, which are both off/);
    // Nothing changed: B still runs on its old configuration, and A has no slot for it.
    expect(isServerRunning(b.dataDir)).toBe(true);
    expect(readFileSync(join(b.dataDir, 'postgresql.auto.conf'), 'utf8')).toBe(autoConf);
    expect(await queryUrl(a.standbyUrl, 'select slot_name from pg_replication_slots')).toEqual([]);

    const rejoin = await runCli(['replica', 'rejoin', '--data-dir', primary.server.dataDir, '--primary', a.standbyUrl, '--password-file', primary.passwordFile, '--json']);
    expect(rejoin.code).toBe(1);
    expect(rejoin.events.at(-1)).toMatchObject({ type: 'error', code: 'REPLICA_REWIND_IMPOSSIBLE' });
    expect(isServerRunning(primary.server.dataDir)).toBe(false);
    expect(existsSync(join(primary.server.dataDir, 'standby.signal'))).toBe(false);
    expect(existsSync(`${primary.server.dataDir}.catdb`)).toBe(false);
    expect(await queryUrl(a.standbyUrl, 'select slot_name from pg_replication_slots')).toEqual([]);
  }, 400_000);
});
