import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCatdbError } from '@catdb/core';
import { initReplica, type InitReplicaResult, preparePrimary, type ReplicaEvent } from '@catdb/core/replica';
import { serverOsUser, readPasswordFile, scramVerifierMatches, stopStandbyServer } from '../support/core-internals.js';
import { sampleProcesses } from '../support/sample-processes.js';
import { startTestPrimary, type TestPrimary } from '../support/test-primary.js';
import { queryUrl } from '../support/test-server.js';
import { poll } from '../support/poll.js';
import { filesHolding, modeOf } from './replica-helpers.js';

let primary: TestPrimary;
let password: string;

beforeAll(async () => {
  primary = await startTestPrimary('replica-init');
  password = readPasswordFile(primary.passwordFile);
});

afterAll(async () => {
  await primary?.cleanup();
});

const slots = async () => (await primary.query<{ slot_name: string }>('select slot_name from pg_replication_slots order by 1')).map((r) => r.slot_name);

async function expectNothingLeft(dataDir: string, slot: string): Promise<void> {
  expect(await slots()).not.toContain(slot);
  expect(existsSync(dataDir)).toBe(false);
  expect(existsSync(`${dataDir}.catdb`)).toBe(false);
}

describe('replica prepare-primary', () => {
  it('created the role from a client-side SCRAM verifier and never changes it on re-run', async () => {
    const before = await primary.query<{ rolpassword: string; rolreplication: boolean }>("select rolpassword, rolreplication from pg_authid where rolname = 'catdb_replicator'");
    expect(before[0]!.rolreplication).toBe(true);
    expect(before[0]!.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
    expect(scramVerifierMatches(password, before[0]!.rolpassword)).toBe(true);
    expect(modeOf(primary.passwordFile)).toBe(0o600);

    const again = await preparePrimary({ primaryUrl: primary.url, passwordFile: primary.passwordFile });
    expect(again.actions.filter((a) => a.apply)).toEqual([]);
    expect(again.actions).toContainEqual({ kind: 'role-exists', role: 'catdb_replicator', passwordMatches: true, apply: false });
    const after = await primary.query<{ rolpassword: string }>("select rolpassword from pg_authid where rolname = 'catdb_replicator'");
    expect(after[0]!.rolpassword).toBe(before[0]!.rolpassword);
    const hba = readFileSync(join(primary.server.dataDir, 'pg_hba.conf'), 'utf8');
    expect(hba.match(/^host\s+replication\s+catdb_replicator\s+127\.0\.0\.1\/32\s+scram-sha-256$/gm)).toHaveLength(1);
    // The hba file still belongs to the server user after catdb (root) rewrote it.
    expect(statSync(join(primary.server.dataDir, 'pg_hba.conf')).uid).toBe(serverOsUser()?.uid ?? process.getuid!());
  });
});

describe('the /proc sampler', () => {
  it('does catch a secret on a child command line (so its silence below means something)', async () => {
    const { spawn } = await import('node:child_process');
    const secret = `canary-${Date.now()}`;
    const sampler = sampleProcesses(secret);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 400)', secret]);
    await new Promise((r) => child.on('close', r));
    const sample = await sampler.stop();
    expect(sample.leaks.some((l) => l.endsWith('argv'))).toBe(true);
  });
});

describe('replica init', () => {
  let result: InitReplicaResult;
  const events: ReplicaEvent[] = [];

  it('goes from nothing to streaming, with the password in no argv, environment or file but the 0600 passfile', async () => {
    const dataDir = join(primary.base, 'standby1', 'data');
    const sampler = sampleProcesses(password);
    try {
      result = await initReplica({ primaryUrl: primary.url, dataDir, slot: 'standby1', passwordFile: primary.passwordFile, start: true, onEvent: (e) => events.push(e) });
    } finally {
      const sample = await sampler.stop();
      expect(sample.leaks).toEqual([]);
      // The sampler must actually have seen the children, or it proves nothing.
      expect([...sample.seen.values()].some((c) => c.includes('pg_basebackup'))).toBe(true);
      expect([...sample.seen.values()].some((c) => c.endsWith(`postgres -D ${dataDir}`))).toBe(true);
    }
    expect(result).toMatchObject({ mode: 'fresh', slotCreated: true, started: true, streaming: { primaryState: 'streaming', receiverStatus: 'streaming' } });
    expect(events.filter((e) => e.type === 'replica.check').length).toBeGreaterThanOrEqual(15);
    expect(JSON.stringify(events)).not.toContain(password);

    const holders = filesHolding([dataDir, `${dataDir}.catdb`, join(primary.base, 'primary')], password);
    expect(holders).toEqual([result.passfile]);
    expect(modeOf(result.passfile)).toBe(0o600);
    expect(statSync(result.passfile).uid).toBe(serverOsUser()?.uid ?? process.getuid!());
    expect(modeOf(`${dataDir}.catdb`)).toBe(0o700);
    const autoConf = readFileSync(join(dataDir, 'postgresql.auto.conf'), 'utf8');
    expect(autoConf).toContain(`passfile=''${result.passfile}''`);
    expect(autoConf).not.toMatch(/password\s*=/i);
    expect(existsSync(join(dataDir, 'standby.signal'))).toBe(true);

    const [standby] = await queryUrl<{ rec: boolean; status: string; slot: string }>(result.standbyUrl, 'select pg_is_in_recovery() as rec, r.status, r.slot_name as slot from pg_stat_wal_receiver r');
    expect(standby).toEqual({ rec: true, status: 'streaming', slot: 'standby1' });
    await primary.query('create table t_init (id int)');
    await primary.query('insert into t_init select generate_series(1, 100)');
    const [{ n }] = await waitForRows(result.standbyUrl);
    expect(n).toBe(100);
  });

  it('re-running init on the streaming standby resumes cleanly without a new base backup', async () => {
    const sysBefore = await queryUrl<{ id: string }>(result.standbyUrl, 'select system_identifier::text as id from pg_control_system()');
    const again = await initReplica({ primaryUrl: primary.url, dataDir: result.dataDir, slot: 'standby1', passwordFile: primary.passwordFile, start: true });
    expect(again).toMatchObject({ mode: 'resume', slotCreated: false, started: false, port: result.port, streaming: { receiverStatus: 'streaming' } });
    expect(await queryUrl<{ id: string }>(result.standbyUrl, 'select system_identifier::text as id from pg_control_system()')).toEqual(sysBefore);
  });

  it('refuses a data directory that holds something else, and leaves it alone', async () => {
    const dataDir = join(primary.base, 'busy');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'keep.txt'), 'precious');
    await expect(initReplica({ primaryUrl: primary.url, dataDir, slot: 'busy', passwordFile: primary.passwordFile })).rejects.toMatchObject({
      code: 'REPLICA_PREFLIGHT_FAILED',
      message: expect.stringContaining('data directory empty or absent'),
    });
    expect(readFileSync(join(dataDir, 'keep.txt'), 'utf8')).toBe('precious');
    expect(await slots()).not.toContain('busy');
  });

  it('refuses a slot a running standby uses', async () => {
    const dataDir = join(primary.base, 'thief', 'data');
    await expect(initReplica({ primaryUrl: primary.url, dataDir, slot: 'standby1', passwordFile: primary.passwordFile })).rejects.toMatchObject({ code: 'REPLICA_PREFLIGHT_FAILED', message: expect.stringContaining('in use') });
    expect(existsSync(join(primary.base, 'thief'))).toBe(false);
  });

  it('a preflight failure (standby max_connections below the primary) changes nothing; --dry-run lists the same checks', async () => {
    const dataDir = join(primary.base, 'lowconn', 'data');
    const checks: ReplicaEvent[] = [];
    const err = await initReplica({ primaryUrl: primary.url, dataDir, slot: 'lowconn', passwordFile: primary.passwordFile, settings: { max_connections: 5 }, start: true, onEvent: (e) => checks.push(e) }).catch((e: unknown) => e);
    expect(isCatdbError(err, 'REPLICA_PREFLIGHT_FAILED')).toBe(true);
    expect(checks).toContainEqual({ type: 'replica.check', check: expect.objectContaining({ name: 'standby max_connections ≥ primary', ok: false }) });
    await expectNothingLeft(dataDir, 'lowconn');

    const dry = await initReplica({ primaryUrl: primary.url, dataDir, slot: 'lowconn', passwordFile: primary.passwordFile, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.checks.every((c) => c.ok)).toBe(true);
    await expectNothingLeft(dataDir, 'lowconn');
  });

  it('a standby that cannot start (a real invalid setting) is undone: no slot, no data dir', async () => {
    const dataDir = join(primary.base, 'badsetting', 'data');
    const events2: ReplicaEvent[] = [];
    const err = await initReplica({ primaryUrl: primary.url, dataDir, slot: 'badsetting', passwordFile: primary.passwordFile, settings: { shared_buffers: 'plenty' }, start: true, onEvent: (e) => events2.push(e) }).catch((e: unknown) => e);
    expect(isCatdbError(err)).toBe(true);
    expect(events2.some((e) => e.type === 'replica.step' && e.step === 'base-backup' && e.status === 'done')).toBe(true);
    expect(events2.filter((e) => e.type === 'replica.cleanup').every((e) => e.type === 'replica.cleanup' && e.ok)).toBe(true);
    await expectNothingLeft(dataDir, 'badsetting');
  });

  it('a base backup that fails (aborted mid-way) is undone: no slot, no data dir', async () => {
    const dataDir = join(primary.base, 'aborted', 'data');
    const controller = new AbortController();
    const err = await initReplica({
      primaryUrl: primary.url,
      dataDir,
      slot: 'aborted',
      passwordFile: primary.passwordFile,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'replica.step' && e.step === 'base-backup' && e.status === 'start') controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(isCatdbError(err, 'ABORTED')).toBe(true);
    await expectNothingLeft(dataDir, 'aborted');
  });

  afterAll(async () => {
    if (result && existsSync(result.dataDir)) await stopStandbyServer(primary.server.binDir, result.dataDir, serverOsUser()).catch(() => {});
  });
});

/** The row count of t_init on the standby, once it has replayed all 100. */
function waitForRows(url: string): Promise<Array<{ n: number }>> {
  return poll('100 rows of t_init on the standby', () => queryUrl<{ n: number }>(url, 'select count(*)::int as n from t_init'), { until: (rows) => rows[0]?.n === 100, timeoutMs: 30_000 });
}
