import { secretType } from '../scram/secret-type.js';
import type { UserlistEntry } from './types.js';

import { CHECK_EXIT_CODE, worstState, type CheckState } from '../monitoring/check-state.js';

/** The state of the PgBouncer check: the same union as `CheckState` (OK, WARNING, CRITICAL, UNKNOWN). */
export type CheckStatus = CheckState;

/** Nagios plugin exit codes (the same table as CHECK_EXIT_CODE, under the name the PgBouncer check has always exported). */
export const CHECK_EXIT_CODES: Readonly<Record<CheckStatus, number>> = CHECK_EXIT_CODE;

export interface CheckFinding {
  status: Exclude<CheckStatus, 'OK'> | 'OK';
  code:
    | 'admin-unreachable'
    | 'alias-ok'
    | 'alias-failed'
    | 'alias-not-probed'
    | 'replica-not-in-recovery'
    | 'primary-in-recovery'
    | 'clients-waiting'
    | 'maxwait'
    | 'secret-type-mismatch'
    | 'plain-secret'
    | 'weak-auth-type'
    | 'capacity'
    | 'capacity-unknown'
    | 'database-paused'
    | 'file-mode';
  message: string;
  details?: Record<string, unknown>;
}

export type AdminRow = Record<string, string | number | null>;

export interface AliasProbe {
  alias: string;
  role?: 'primary' | 'replica';
  /** Set when the query passed. */
  result?: { inRecovery: boolean; maxConnections: number };
  /** Set when it failed. */
  error?: string;
  /** Set when it was not tried (no credentials). */
  skipped?: string;
}

export interface CheckThresholds {
  /** Seconds a client may wait for a server connection; waiting longer is a WARNING. Default 1. */
  maxwaitWarnSeconds: number;
  /** … longer is CRITICAL; default 5. */
  maxwaitCritSeconds: number;
  /** Share of max_connections the pools may reach before WARNING; default 0.8 (the scaling guide's rule). */
  capacityWarnRatio: number;
  /** PgBouncer processes in front of the same servers (pools add up); default 1. */
  instances: number;
}

export const DEFAULT_CHECK_THRESHOLDS: CheckThresholds = { maxwaitWarnSeconds: 1, maxwaitCritSeconds: 5, capacityWarnRatio: 0.8, instances: 1 };

export interface CheckInput {
  /** Set when the admin console could not be read; pools/databases/config are then empty. */
  adminError?: string;
  pools: readonly AdminRow[];
  databases: readonly AdminRow[];
  config: Readonly<Record<string, string>>;
  probes: readonly AliasProbe[];
  /** userlist.txt, when the folder is known (`--dir`); the auth user may hold a plain password. */
  userlist?: { entries: readonly UserlistEntry[]; authUser?: string };
  /** Files of the folder with their permission bits. */
  files?: readonly { path: string; mode: number }[];
  thresholds?: Partial<CheckThresholds>;
}

export interface CapacityLine {
  server: string;
  /** Server connections PgBouncer may open: Σ (pool_size + reserve_pool) × users × instances. */
  planned: number;
  maxConnections: number;
  ratio: number;
}

export interface CheckMetrics {
  clWaiting: number;
  clActive: number;
  svActive: number;
  svIdle: number;
  maxwaitSeconds: number;
  capacity: CapacityLine[];
}

export interface CheckReport {
  status: CheckStatus;
  exitCode: number;
  findings: CheckFinding[];
  metrics: CheckMetrics;
}

function num(v: string | number | null | undefined): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** Worst first: CRITICAL > UNKNOWN > WARNING > OK, as Nagios ranks them. */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return worstState(statuses);
}

/**
 * Turns what `check` read (admin console SHOW output, alias probes, userlist, file modes)
 * into findings and one status. Pure: every rule is visible here and unit-tested.
 */
export function mapCheckFindings(input: CheckInput): CheckReport {
  const t = { ...DEFAULT_CHECK_THRESHOLDS, ...input.thresholds };
  const findings: CheckFinding[] = [];
  const pools = input.pools.filter((p) => p.database !== 'pgbouncer');
  const databases = input.databases.filter((d) => d.name !== 'pgbouncer');

  if (input.adminError) findings.push({ status: 'CRITICAL', code: 'admin-unreachable', message: `admin console: ${input.adminError}` });
  for (const p of input.probes) {
    if (p.result) {
      findings.push({ status: 'OK', code: 'alias-ok', message: `${p.alias}: query passed${p.result.inRecovery ? ' (replica, in recovery)' : ''}`, details: { alias: p.alias } });
      if (p.role === 'replica' && !p.result.inRecovery) {
        findings.push({ status: 'WARNING', code: 'replica-not-in-recovery', message: `${p.alias}: read-only alias reaches a server that is not in recovery`, details: { alias: p.alias } });
      }
      if (p.role === 'primary' && p.result.inRecovery) {
        findings.push({ status: 'WARNING', code: 'primary-in-recovery', message: `${p.alias}: primary alias reaches a server in recovery (read-only)`, details: { alias: p.alias } });
      }
    } else if (p.skipped) {
      findings.push({ status: 'UNKNOWN', code: 'alias-not-probed', message: `${p.alias}: not probed (${p.skipped})`, details: { alias: p.alias } });
    } else {
      findings.push({ status: 'CRITICAL', code: 'alias-failed', message: `${p.alias}: ${p.error ?? 'query failed'}`, details: { alias: p.alias } });
    }
  }

  let clWaiting = 0;
  let clActive = 0;
  let svActive = 0;
  let svIdle = 0;
  let maxwaitSeconds = 0;
  for (const p of pools) {
    const waiting = num(p.cl_waiting);
    const wait = num(p.maxwait) + num(p.maxwait_us) / 1e6;
    clWaiting += waiting;
    clActive += num(p.cl_active);
    svActive += num(p.sv_active);
    svIdle += num(p.sv_idle);
    maxwaitSeconds = Math.max(maxwaitSeconds, wait);
    const where = `${p.database}/${p.user}`;
    if (waiting > 0) {
      findings.push({
        status: 'WARNING',
        code: 'clients-waiting',
        message: `${where}: ${waiting} client(s) waiting for a server connection (pool exhausted: raise default_pool_size or add replicas)`,
        details: { database: p.database, user: p.user, cl_waiting: waiting },
      });
    }
    // Above the limit, never at it, as a Nagios threshold reads: a limit of 0 allows no wait at all.
    if (wait > t.maxwaitWarnSeconds) {
      findings.push({
        status: wait > t.maxwaitCritSeconds ? 'CRITICAL' : 'WARNING',
        code: 'maxwait',
        message: `${where}: oldest waiting client has waited ${wait.toFixed(1)} s`,
        details: { database: p.database, user: p.user, maxwait_seconds: wait },
      });
    }
  }

  for (const d of databases) {
    if (num(d.paused) || num(d.disabled)) {
      findings.push({ status: 'WARNING', code: 'database-paused', message: `${d.name}: paused or disabled on the admin console`, details: { database: d.name } });
    }
  }

  const authType = input.config.auth_type ?? '';
  if (['trust', 'any', 'plain'].includes(authType)) {
    findings.push({ status: 'WARNING', code: 'weak-auth-type', message: `auth_type is ${authType}: passwords are not checked or travel in clear text` });
  }
  if (input.userlist) {
    for (const e of input.userlist.entries) {
      const type = secretType(e.secret);
      if (authType === 'scram-sha-256' && type === 'md5') {
        findings.push({
          status: 'CRITICAL',
          code: 'secret-type-mismatch',
          message: `${e.user}: userlist holds an md5 hash but auth_type is scram-sha-256, so this user cannot log in`,
          details: { user: e.user, secretType: type, authType },
        });
      } else if (type === 'plain' && e.user !== input.userlist.authUser) {
        findings.push({ status: 'WARNING', code: 'plain-secret', message: `${e.user}: userlist holds a clear-text password`, details: { user: e.user } });
      }
    }
  }
  for (const f of input.files ?? []) {
    if ((f.mode & 0o077) !== 0) {
      findings.push({
        status: 'CRITICAL',
        code: 'file-mode',
        message: `${f.path} is accessible to group or others (mode ${(f.mode & 0o777).toString(8)})`,
        details: { path: f.path, mode: (f.mode & 0o777).toString(8) },
      });
    }
  }

  // Pools add up per server: every database entry leading to it, every user pool, every instance.
  const usersPerDb = new Map<string, Set<string>>();
  for (const p of pools) usersPerDb.set(String(p.database), (usersPerDb.get(String(p.database)) ?? new Set()).add(String(p.user)));
  const maxByAlias = new Map(input.probes.filter((p) => p.result).map((p) => [p.alias, p.result!.maxConnections]));
  const servers = new Map<string, { planned: number; maxConnections?: number }>();
  const defaultPool = num(input.config.default_pool_size);
  const defaultReserve = num(input.config.reserve_pool_size);
  for (const d of databases) {
    const server = `${d.host}:${d.port}`;
    const users = Math.max(1, usersPerDb.get(String(d.name))?.size ?? 0);
    let perDb = ((d.pool_size === null || d.pool_size === undefined ? defaultPool : num(d.pool_size)) + (d.reserve_pool === undefined ? defaultReserve : num(d.reserve_pool))) * users;
    if (num(d.max_connections) > 0) perDb = Math.min(perDb, num(d.max_connections));
    const entry = servers.get(server) ?? { planned: 0 };
    entry.planned += perDb * t.instances;
    const max = maxByAlias.get(String(d.name));
    if (max !== undefined) entry.maxConnections = max;
    servers.set(server, entry);
  }
  const capacity: CapacityLine[] = [];
  for (const [server, s] of servers) {
    if (s.maxConnections === undefined) {
      findings.push({ status: 'UNKNOWN', code: 'capacity-unknown', message: `${server}: max_connections unknown (no alias to it could be queried)`, details: { server } });
      continue;
    }
    const ratio = s.maxConnections > 0 ? s.planned / s.maxConnections : Infinity;
    capacity.push({ server, planned: s.planned, maxConnections: s.maxConnections, ratio });
    if (ratio > t.capacityWarnRatio) {
      findings.push({
        status: ratio >= 1 ? 'CRITICAL' : 'WARNING',
        code: 'capacity',
        message: `${server}: pools may open ${s.planned} server connections, ${Math.round(ratio * 100)}% of max_connections ${s.maxConnections} (above ${Math.round(t.capacityWarnRatio * 100)}%: grow max_connections, shrink pools or add replicas)`,
        details: { server, planned: s.planned, maxConnections: s.maxConnections, ratio },
      });
    }
  }

  const status = worstStatus(findings.map((f) => f.status));
  return { status, exitCode: CHECK_EXIT_CODES[status], findings, metrics: { clWaiting, clActive, svActive, svIdle, maxwaitSeconds, capacity } };
}
