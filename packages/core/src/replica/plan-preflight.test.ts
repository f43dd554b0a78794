import { describe, expect, it } from 'vitest';
import { planPreflight, type PreflightFacts } from './plan-preflight.js';

const GB = 1024n ** 3n;
const good: PreflightFacts = {
  primary: {
    versionNum: 150010, inRecovery: false, walLevel: 'replica', maxWalSenders: 10, walSendersInUse: 1, maxReplicationSlots: 10, slotsInUse: 2,
    settings: { max_connections: 100, max_worker_processes: 8, max_wal_senders: 10, max_prepared_transactions: 0, max_locks_per_transaction: 64 },
    databaseBytes: GB, configInsideDataDir: true, systemIdentifier: '42',
  },
  localVersionNum: 150012,
  slot: { name: 's1', exists: false, active: false, type: null },
  role: { exists: true, replication: true, login: true },
  replicationConnection: { ok: true, detail: 'system 42, timeline 1', systemIdentifier: '42', timeline: 1 },
  dataDir: { path: '/srv/standby', state: 'absent', reachableByServer: true, freeBytes: 10n * GB },
  port: { port: 6543, free: true },
  standbySettings: {},
};
const failed = (f: PreflightFacts) => planPreflight(f).checks.filter((c) => !c.ok).map((c) => c.name);

describe('planPreflight', () => {
  it('passes a ready primary and an absent data dir', () => {
    const plan = planPreflight(good);
    expect(failed(good)).toEqual([]);
    expect(plan).toMatchObject({ ok: true, mode: 'fresh' });
    expect(plan.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['same major version', 'wal_level', 'free WAL senders', 'free replication slots', 'replication role', 'replication connection (IDENTIFY_SYSTEM)', 'standby max_connections ≥ primary', 'free disk', 'port free']));
  });

  it('passes a primary whose configuration lives outside its data directory (Debian), saying the standby gets its own', () => {
    const plan = planPreflight({ ...good, primary: { ...good.primary!, configInsideDataDir: false } });
    expect(plan.ok).toBe(true);
    expect(plan.checks.find((c) => c.name === 'primary configuration')!.detail).toMatch(/standby gets its own postgresql\.conf/);
  });

  const cases: Array<[string, Partial<PreflightFacts> | ((f: PreflightFacts) => PreflightFacts), string[]]> = [
    ['another major version', { localVersionNum: 160002 }, ['same major version']],
    ['wal_level minimal', (f) => ({ ...f, primary: { ...f.primary!, walLevel: 'minimal' } }), ['wal_level']],
    ['one free WAL sender (the base backup needs two)', (f) => ({ ...f, primary: { ...f.primary!, walSendersInUse: 9 } }), ['free WAL senders']],
    ['no free slot', (f) => ({ ...f, primary: { ...f.primary!, slotsInUse: 10 } }), ['free replication slots']],
    ['active slot', { slot: { name: 's1', exists: true, active: true, type: 'physical' } }, ['replication slot']],
    ['logical slot of the same name', { slot: { name: 's1', exists: true, active: false, type: 'logical' } }, ['replication slot']],
    ['role without REPLICATION', { role: { exists: true, replication: false, login: true } }, ['replication role']],
    ['replication connection refused', { replicationConnection: { ok: false, detail: 'password authentication failed' } }, ['replication connection (IDENTIFY_SYSTEM)']],
    ['replication connection to another cluster', { replicationConnection: { ok: true, detail: 'x', systemIdentifier: '7' } }, ['replication connection reaches the primary']],
    ['a lower max_connections on the standby', { standbySettings: { max_connections: 50 } }, ['standby max_connections ≥ primary']],
    ['a non-empty data dir', { dataDir: { path: '/srv/x', state: 'other', detail: 'not empty', reachableByServer: true, freeBytes: 10n * GB } }, ['data directory empty or absent']],
    ['too little disk', { dataDir: { path: '/srv/x', state: 'absent', reachableByServer: true, freeBytes: GB } }, ['free disk']],
    ['port in use', { port: { port: 5432, free: false } }, ['port free']],
    ['a primary in recovery', (f) => ({ ...f, primary: { ...f.primary!, inRecovery: true } }), ['primary is not in recovery']],
  ];
  it.each(cases)('fails on %s', (_name, change, expected) => {
    const facts = typeof change === 'function' ? change(good) : { ...good, ...change };
    expect(failed(facts)).toEqual(expected);
    expect(planPreflight(facts).ok).toBe(false);
  });

  it('reuses an inactive physical slot without needing a free one', () => {
    const facts = { ...good, slot: { name: 's1', exists: true, active: false, type: 'physical' }, primary: { ...good.primary!, slotsInUse: 10 } };
    expect(failed(facts)).toEqual([]);
  });

  it('resuming an existing standby skips the base-backup checks', () => {
    const facts: PreflightFacts = { ...good, dataDir: { ...good.dataDir, state: 'standby', freeBytes: 0n }, port: { port: 6543, free: false } };
    const plan = planPreflight(facts);
    expect(plan).toMatchObject({ ok: true, mode: 'resume' });
    expect(plan.checks.map((c) => c.name)).not.toContain('free disk');
  });

  it('resuming a running standby accepts its own active slot, but not without a server in the dir', () => {
    const base: PreflightFacts = { ...good, slot: { name: 's1', exists: true, active: true, type: 'physical' }, dataDir: { ...good.dataDir, state: 'standby' } };
    expect(failed({ ...base, dataDir: { ...base.dataDir, running: true } })).toEqual([]);
    expect(failed({ ...base, dataDir: { ...base.dataDir, running: false } })).toEqual(['replication slot']);
  });

  it('marks everything that needs the primary as FAIL when it cannot be reached', () => {
    const { primary: _p, role: _r, ...rest } = good;
    const plan = planPreflight({ ...rest, primaryError: 'connection refused', replicationConnection: { ok: false, detail: 'connection refused' } });
    expect(plan.ok).toBe(false);
    expect(plan.checks.find((c) => c.name === 'wal_level')).toEqual({ name: 'wal_level', ok: false, detail: 'not checked: connection refused' });
  });
});
