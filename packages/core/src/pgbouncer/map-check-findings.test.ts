import { describe, expect, it } from 'vitest';
import { mapCheckFindings, worstStatus, type CheckInput } from './map-check-findings.js';
import { renderNagiosLine } from './render-check-report.js';

const SCRAM = 'SCRAM-SHA-256$4096:c2FsdA==$a2V5:a2V5';

function base(overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    pools: [
      { database: 'pgbouncer', user: 'pgbouncer', cl_active: 1, cl_waiting: 0, sv_active: 0, sv_idle: 0, maxwait: 0, maxwait_us: 0 },
      { database: 'app', user: 'app', cl_active: 3, cl_waiting: 0, sv_active: 1, sv_idle: 2, maxwait: 0, maxwait_us: 0 },
    ],
    databases: [
      { name: 'app', host: '10.0.0.1', port: 5432, pool_size: 20, reserve_pool: 0, max_connections: 0, paused: 0, disabled: 0 },
      { name: 'app_ro', host: '10.0.0.2', port: 5432, pool_size: 20, reserve_pool: 0, max_connections: 0, paused: 0, disabled: 0 },
      { name: 'pgbouncer', host: null, port: 6432, pool_size: 2, reserve_pool: 0, max_connections: 0, paused: 0, disabled: 0 },
    ],
    config: { auth_type: 'scram-sha-256', default_pool_size: '20', reserve_pool_size: '0' },
    probes: [
      { alias: 'app', role: 'primary', result: { inRecovery: false, maxConnections: 100 } },
      { alias: 'app_ro', role: 'replica', result: { inRecovery: true, maxConnections: 100 } },
    ],
    userlist: { entries: [{ user: 'app', secret: SCRAM }, { user: 'pgbouncer_admin', secret: SCRAM }] },
    files: [{ path: '/d/userlist.txt', mode: 0o100600 }],
    ...overrides,
  };
}

function codes(input: CheckInput): [string, string][] {
  return mapCheckFindings(input)
    .findings.filter((f) => f.status !== 'OK')
    .map((f) => [f.code, f.status]);
}

describe('mapCheckFindings', () => {
  it('is OK for a healthy pooler', () => {
    const r = mapCheckFindings(base());
    expect(r.status).toBe('OK');
    expect(r.exitCode).toBe(0);
    expect(r.metrics).toMatchObject({ clWaiting: 0, clActive: 3, svActive: 1, svIdle: 2 });
    expect(r.metrics.capacity).toEqual([
      { server: '10.0.0.1:5432', planned: 20, maxConnections: 100, ratio: 0.2 },
      { server: '10.0.0.2:5432', planned: 20, maxConnections: 100, ratio: 0.2 },
    ]);
  });

  it.each<[string, Partial<CheckInput>, [string, string][], number]>([
    ['waiting clients', { pools: [{ database: 'app', user: 'app', cl_waiting: 2, maxwait: 0, maxwait_us: 300000 }] }, [['clients-waiting', 'WARNING']], 1],
    ['maxwait over warning', { pools: [{ database: 'app', user: 'app', cl_waiting: 1, maxwait: 2, maxwait_us: 0 }] }, [['clients-waiting', 'WARNING'], ['maxwait', 'WARNING']], 1],
    ['maxwait over critical', { pools: [{ database: 'app', user: 'app', cl_waiting: 1, maxwait: 7, maxwait_us: 0 }] }, [['clients-waiting', 'WARNING'], ['maxwait', 'CRITICAL']], 2],
    ['maxwait exactly at the warning limit', { pools: [{ database: 'app', user: 'app', cl_waiting: 1, maxwait: 1, maxwait_us: 0 }] }, [['clients-waiting', 'WARNING']], 1],
    ['maxwait exactly at the critical limit', { pools: [{ database: 'app', user: 'app', cl_waiting: 1, maxwait: 5, maxwait_us: 0 }] }, [['clients-waiting', 'WARNING'], ['maxwait', 'WARNING']], 1],
    ['maxwait above a limit of 0', { pools: [{ database: 'app', user: 'app', cl_waiting: 0, maxwait: 0, maxwait_us: 1 }], thresholds: { maxwaitWarnSeconds: 0 } }, [['maxwait', 'WARNING']], 1],
    ['alias failing', { probes: [{ alias: 'app', role: 'primary', error: 'refused' }, { alias: 'app_ro', role: 'replica', result: { inRecovery: true, maxConnections: 100 } }] }, [['alias-failed', 'CRITICAL'], ['capacity-unknown', 'UNKNOWN']], 2],
    ['alias not probed', { probes: [{ alias: 'app', skipped: 'no password' }, { alias: 'app_ro', skipped: 'no password' }] }, [['alias-not-probed', 'UNKNOWN'], ['alias-not-probed', 'UNKNOWN'], ['capacity-unknown', 'UNKNOWN'], ['capacity-unknown', 'UNKNOWN']], 3],
    ['replica alias on a primary', { probes: [{ alias: 'app', role: 'primary', result: { inRecovery: false, maxConnections: 100 } }, { alias: 'app_ro', role: 'replica', result: { inRecovery: false, maxConnections: 100 } }] }, [['replica-not-in-recovery', 'WARNING']], 1],
    ['md5 secret under scram auth_type', { userlist: { entries: [{ user: 'app', secret: 'md5' + 'f'.repeat(32) }] } }, [['secret-type-mismatch', 'CRITICAL']], 2],
    ['clear-text secret', { userlist: { entries: [{ user: 'app', secret: 'hunter2' }] } }, [['plain-secret', 'WARNING']], 1],
    ['auth_type trust', { config: { auth_type: 'trust', default_pool_size: '20' } }, [['weak-auth-type', 'WARNING']], 1],
    ['group-readable userlist', { files: [{ path: '/d/userlist.txt', mode: 0o100640 }] }, [['file-mode', 'CRITICAL']], 2],
    ['admin console down', { adminError: 'connection refused', pools: [], databases: [], config: {} }, [['admin-unreachable', 'CRITICAL']], 2],
    ['paused database', { databases: [{ name: 'app', host: 'h', port: 1, pool_size: 1, reserve_pool: 0, paused: 1, disabled: 0 }], probes: [{ alias: 'app', result: { inRecovery: false, maxConnections: 100 } }] }, [['database-paused', 'WARNING']], 1],
  ])('%s', (_name, overrides, expected, exitCode) => {
    expect(codes(base(overrides))).toEqual(expected);
    expect(mapCheckFindings(base(overrides)).exitCode).toBe(exitCode);
  });

  it('lets the auth user keep its clear-text password (auth_query needs it)', () => {
    expect(codes(base({ userlist: { entries: [{ user: 'auth', secret: 'generated' }], authUser: 'auth' } }))).toEqual([]);
  });

  it.each<[string, number, number, string | undefined]>([
    // pool 20 + reserve 5, two user pools, one instance → 50 of 60 = 83%.
    ['above 80% warns', 60, 1, 'WARNING'],
    ['at 80% is fine', 125, 2, undefined],
    ['at or above 100% is critical', 50, 1, 'CRITICAL'],
    ['instances multiply the pools', 200, 4, 'CRITICAL'],
  ])('capacity: %s', (_name, maxConnections, instances, status) => {
    const input = base({
      pools: [
        { database: 'app', user: 'a', cl_waiting: 0 },
        { database: 'app', user: 'b', cl_waiting: 0 },
      ],
      databases: [{ name: 'app', host: 'h', port: 5432, pool_size: 20, reserve_pool: 5, max_connections: 0 }],
      probes: [{ alias: 'app', result: { inRecovery: false, maxConnections } }],
      thresholds: { instances },
    });
    const found = mapCheckFindings(input).findings.find((f) => f.code === 'capacity');
    expect(found?.status).toBe(status);
  });

  it('caps a database at its max_db_connections', () => {
    const r = mapCheckFindings(base({ databases: [{ name: 'app', host: 'h', port: 1, pool_size: 50, reserve_pool: 0, max_connections: 10 }], probes: [{ alias: 'app', result: { inRecovery: false, maxConnections: 100 } }] }));
    expect(r.metrics.capacity[0]!.planned).toBe(10);
  });

  it('ranks statuses the Nagios way', () => {
    expect(worstStatus([])).toBe('OK');
    expect(worstStatus(['WARNING', 'UNKNOWN'])).toBe('UNKNOWN');
    expect(worstStatus(['UNKNOWN', 'CRITICAL', 'WARNING'])).toBe('CRITICAL');
  });
});

describe('renderNagiosLine', () => {
  it('prints status, problems and performance data', () => {
    const r = mapCheckFindings(base({ pools: [{ database: 'app', user: 'app', cl_active: 1, cl_waiting: 2, sv_active: 1, sv_idle: 0, maxwait: 0, maxwait_us: 500000 }] }));
    expect(renderNagiosLine(r)).toBe(
      'PGBOUNCER WARNING: app/app: 2 client(s) waiting for a server connection (pool exhausted: raise default_pool_size or add replicas) | cl_active=1 cl_waiting=2;0 sv_active=1 sv_idle=0 maxwait=0.5s;1;5;0 pool_share_10.0.0.1:5432=20%;80;@100: pool_share_10.0.0.2:5432=20%;80;@100:',
    );
  });

  it('summarises an OK check', () => {
    expect(renderNagiosLine(mapCheckFindings(base()))).toMatch(/^PGBOUNCER OK: 2 alias\(es\) answer, no client waiting \| /);
  });
});
