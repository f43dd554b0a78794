import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReplicaLag, initReplica, type InitReplicaResult } from '@catdb/core/replica';
import { serverOsUser, startStandbyServer, stopStandbyServer } from '../support/core-internals.js';
import { poll } from '../support/poll.js';
import { runCli, runCliUntilLines } from '../support/run-cli.js';
import { startTestPrimary, type TestPrimary } from '../support/test-primary.js';
import { queryUrl } from '../support/test-server.js';

const MB = 1024n * 1024n;
let primary: TestPrimary;
let standby: InitReplicaResult;

beforeAll(async () => {
  // The CLI tests run the built launcher; scripts/setup.sh builds it (`tsc -b`) before the suite.
  if (!existsSync(join(import.meta.dirname, '../../packages/cli/dist/main.js'))) throw new Error('catdb is not built: run `npx tsc -b` first');
  primary = await startTestPrimary('replica-lag');
  standby = await initReplica({ primaryUrl: primary.url, dataDir: join(primary.base, 'standby', 'data'), slot: 'lagcheck', passwordFile: primary.passwordFile, start: true });
  await primary.query('create table load (id bigserial primary key, payload text)');
});

afterAll(async () => {
  if (standby) await stopStandbyServer(primary.server.binDir, standby.dataDir, serverOsUser()).catch(() => {});
  await primary?.cleanup();
});

const lagArgs = () => ['replica', 'lag', '--primary', primary.url, '--replica', standby.standbyUrl, '--warn', '16MB,30s', '--crit', '64MB,5min'];

describe('replica lag', () => {
  it('an idle, caught-up pair is OK (library, --json, --prometheus, --nagios)', async () => {
    const report = await poll('caught up', async () => {
      const r = await checkReplicaLag({ primaryUrl: primary.url, replicaUrls: [standby.standbyUrl], warn: { bytes: 16n * MB, ms: 30_000 } });
      return r.standbys[0]?.bytesBehind === 0n ? r : undefined;
    });
    expect(report.state).toBe('OK');
    expect(report.standbys).toHaveLength(1);
    expect(report.standbys[0]).toMatchObject({ name: 'lagcheck', condition: 'streaming', bytesNotReplayed: 0n, sinceLastReplayUs: null, primaryTimeline: 1, standbyTimeline: 1, slotActive: true });

    const json = await runCli([...lagArgs(), '--json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ state: 'OK', exitCode: 0, thresholds: { warn: { bytes: 16777216, ms: 30000 }, crit: { bytes: 67108864, ms: 300000 } } });
    expect(doc.standbys[0]).toMatchObject({ name: 'lagcheck', condition: 'streaming', bytesBehind: 0, bytesNotSent: 0, slotName: 'lagcheck', walStatus: 'reserved' });
    expect(doc.status.primary.timeline).toBe(1);
    expect(doc.status.replicas[0]).toMatchObject({ reachable: true, inRecovery: true, receiverStatus: 'streaming' });

    const prom = await runCli([...lagArgs(), '--prometheus']);
    expect(prom.code).toBe(0);
    const metrics = parsePrometheus(prom.stdout);
    expect(metrics.get('catdb_replica_check_status')).toBe(0);
    expect(metrics.get('catdb_replica_streaming{standby="lagcheck"}')).toBe(1);
    expect(metrics.get('catdb_replica_wal_behind_bytes{standby="lagcheck",stage="replay"}')).toBe(0);
    expect(metrics.get('catdb_replica_timeline{role="standby",standby="lagcheck"}')).toBe(1);
    expect(prom.stdout).toContain('# TYPE catdb_replica_wal_behind_bytes gauge');

    const nagios = await runCli([...lagArgs(), '--nagios']);
    expect(nagios.code).toBe(0);
    expect(nagios.stdout).toMatch(/^REPLICA OK: lagcheck: streaming, caught up \| lagcheck_replay_bytes=0B;16777216;67108864;0 /);
  });

  it('under a bounded write load with replay paused, bytes behind show up as lagging, then drop to zero', async () => {
    await queryUrl(standby.standbyUrl, 'select pg_wal_replay_pause()');
    try {
      // Bounded: 24 batches of ~1 MB, at most 60 s.
      const deadline = Date.now() + 60_000;
      for (let i = 0; i < 24 && Date.now() < deadline; i++) {
        await primary.query("insert into load (payload) select repeat(md5(g::text), 32) from generate_series(1, 1000) g");
      }
      const report = await poll('WAL received but not replayed', async () => {
        const r = await checkReplicaLag({ primaryUrl: primary.url, replicaUrls: [standby.standbyUrl], warn: { bytes: 16n * MB }, crit: { bytes: 1024n * MB } });
        return (r.standbys[0]?.bytesNotReplayed ?? 0n) >= 16n * MB ? r : undefined;
      });
      const v = report.standbys[0]!;
      expect(report.state).toBe('WARNING');
      expect(v.condition).toBe('lagging');
      expect(v.walsenderState).toBe('streaming');
      expect(v.bytesNotReplayed!).toBeGreaterThanOrEqual(16n * MB);
      expect(v.bytesNotSent!).toBeLessThanOrEqual(v.bytesNotReplayed!);
      // With bytes behind, the time since the last replay is reported.
      expect(v.sinceLastReplayUs).not.toBeNull();

      const cli = await runCli(['replica', 'lag', '--primary', primary.url, '--replica', standby.standbyUrl, '--warn', '1MB', '--crit', '8MB', '--json']);
      expect(cli.code).toBe(2);
      expect(JSON.parse(cli.stdout)).toMatchObject({ state: 'CRITICAL', standbys: [{ condition: 'lagging' }] });
    } finally {
      await queryUrl(standby.standbyUrl, 'select pg_wal_replay_resume()');
    }
    const caughtUp = await poll('replay to catch up', async () => {
      const r = await checkReplicaLag({ primaryUrl: primary.url, replicaUrls: [standby.standbyUrl], warn: { bytes: 16n * MB } });
      return r.standbys[0]?.bytesNotReplayed === 0n ? r : undefined;
    });
    expect(caughtUp.state).toBe('OK');
    expect(caughtUp.standbys[0]!.bytesBehind).toBe(0n);
  });

  it('a stopped replica is CRITICAL "not streaming" with the WAL its slot retains', async () => {
    await stopStandbyServer(primary.server.binDir, standby.dataDir, serverOsUser());
    try {
      await primary.query("insert into load (payload) select repeat('x', 1000) from generate_series(1, 2000)");
      await primary.query('select pg_switch_wal()');
      const report = await poll('the walsender to go', async () => {
        const r = await checkReplicaLag({ primaryUrl: primary.url, replicaUrls: [standby.standbyUrl] });
        return r.standbys.find((s) => s.name === 'lagcheck')?.slotActive === false ? r : undefined;
      });
      expect(report.state).toBe('CRITICAL');
      const v = report.standbys.find((s) => s.name === 'lagcheck')!;
      expect(v.condition).toBe('not-streaming');
      expect(v.retainedWalBytes!).toBeGreaterThan(0n);
      expect(v.reasons.join(' ')).toMatch(/not streaming: no walsender on the primary; slot lagcheck inactive, retains/);

      const cli = await runCli(['replica', 'lag', '--primary', primary.url, '--json']);
      expect(cli.code).toBe(2);
      const doc = JSON.parse(cli.stdout);
      expect(doc.standbys[0]).toMatchObject({ name: 'lagcheck', condition: 'not-streaming', state: 'CRITICAL', slotActive: false });
      expect(BigInt(doc.standbys[0].retainedWalBytes)).toBeGreaterThan(0n);

      const prom = await runCli(['replica', 'lag', '--primary', primary.url, '--prometheus']);
      expect(prom.code).toBe(2);
      const metrics = parsePrometheus(prom.stdout);
      expect(metrics.get('catdb_replica_check_status')).toBe(2);
      expect(metrics.get('catdb_replica_streaming{standby="lagcheck"}')).toBe(0);
      expect(metrics.get('catdb_replication_slot_active{slot="lagcheck",wal_status="reserved"}')).toBe(0);
      expect(metrics.get('catdb_replication_slot_retained_wal_bytes{slot="lagcheck",wal_status="reserved"}')).toBeGreaterThan(0);

      const nagios = await runCli(['replica', 'lag', '--primary', primary.url, '--nagios']);
      expect(nagios.code).toBe(2);
      expect(nagios.stdout).toMatch(/^REPLICA CRITICAL: lagcheck: not streaming/);
    } finally {
      await startStandbyServer(primary.server.binDir, standby.dataDir, standby.logFile, serverOsUser());
    }
  });

  it('--watch repeats the check until Ctrl-C and exits with the last state', async () => {
    // Bounded: never wait for more than 30 s.
    const { code, stdout } = await runCliUntilLines([...lagArgs(), '--nagios', '--watch', '0.2'], 3, { timeoutMs: 30_000 });
    const lines = stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(/^REPLICA OK: /);
    expect(code).toBe(0);
  });

  it('an unreachable primary is UNKNOWN (exit 3) in every output format; bad thresholds too', async () => {
    const dead = 'postgres://postgres@127.0.0.1:1/postgres';
    const json = await runCli(['replica', 'lag', '--primary', dead, '--json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ state: 'UNKNOWN', exitCode: 3, error: { code: 'PG_UNREACHABLE' } });
    const prom = await runCli(['replica', 'lag', '--primary', dead, '--prometheus']);
    expect(prom.code).toBe(3);
    expect(parsePrometheus(prom.stdout)).toEqual(new Map([['catdb_replica_check_status', 3], ['catdb_replica_primary_up', 0]]));
    const bad = await runCli(['replica', 'lag', '--primary', primary.url, '--warn', 'soon', '--nagios']);
    expect(bad.code).toBe(3);
    expect(bad.stdout).toMatch(/^REPLICA UNKNOWN: --warn: cannot read "soon"/);
  });
});

/** Parses the text exposition format strictly enough to catch malformed lines. */
function parsePrometheus(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') typed.add(meta[2]!);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+]+)$/.exec(line);
    if (!m) throw new Error(`not exposition format: ${line}`);
    if (!typed.has(m[1]!)) throw new Error(`sample before its TYPE line: ${line}`);
    out.set(m[1]! + (m[2] ?? ''), Number(m[3]));
  }
  return out;
}
