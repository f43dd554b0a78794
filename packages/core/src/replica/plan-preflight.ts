import { formatBytes } from './parse-threshold.js';
import type { PreflightCheck } from './types.js';

/** Settings a hot standby needs at least as high as the primary, or it refuses to start. */
export const STANDBY_MIN_SETTINGS = ['max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction'] as const;

/** What the preflight found; `undefined` parts could not be read (and fail their checks). */
export interface PreflightFacts {
  primary?: {
    versionNum: number;
    inRecovery: boolean;
    walLevel: string;
    maxWalSenders: number;
    walSendersInUse: number;
    maxReplicationSlots: number;
    slotsInUse: number;
    settings: Record<string, number>;
    databaseBytes: bigint;
    configInsideDataDir: boolean;
    systemIdentifier: string;
  };
  primaryError?: string;
  localVersionNum?: number;
  localVersionError?: string;
  slot: { name: string; exists: boolean; active: boolean; type: string | null };
  role?: { exists: boolean; replication: boolean; login: boolean };
  replicationConnection: { ok: boolean; detail: string; systemIdentifier?: string; timeline?: number };
  dataDir: {
    path: string;
    /** absent/empty: fresh init; standby: a standby of this primary on this slot (resume); other: refuse. */
    state: 'absent' | 'empty' | 'standby' | 'other';
    detail?: string;
    reachableByServer: boolean;
    freeBytes: bigint | null;
    /** A server runs on it (only meaningful for state 'standby'). */
    running?: boolean;
  };
  port: { port: number; free: boolean };
  /** Settings the standby will get on top of the base backup's copy. */
  standbySettings: Record<string, string | number | boolean>;
}

export interface PreflightPlan {
  checks: PreflightCheck[];
  ok: boolean;
  /** fresh: base backup into an empty dir; resume: reuse the standby already there. */
  mode: 'fresh' | 'resume';
}

/** Bytes the base backup needs: the databases plus 10% and 64 MB of WAL and slack. */
export function neededBytes(databaseBytes: bigint): bigint {
  return databaseBytes + databaseBytes / 10n + 64n * 1024n * 1024n;
}

/**
 * The init preflight as a list of named checks, each ok or FAIL with a reason. Checks that
 * matter only for a fresh base backup (disk, slots, senders, port) are skipped when resuming
 * a standby already in the data directory. Pure.
 */
export function planPreflight(f: PreflightFacts): PreflightPlan {
  const checks: PreflightCheck[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const p = f.primary;
  const mode: PreflightPlan['mode'] = f.dataDir.state === 'standby' ? 'resume' : 'fresh';
  const unread = `not checked: ${f.primaryError ?? 'primary not read'}`;

  add('primary reachable', p !== undefined, p ? `PostgreSQL ${Math.floor(p.versionNum / 10000)}` : (f.primaryError ?? 'no answer'));
  add('primary is not in recovery', p ? !p.inRecovery : false, p ? (p.inRecovery ? 'the primary is itself a standby; point --primary at the primary' : 'read-write') : unread);
  if (p && f.localVersionNum !== undefined) {
    const a = Math.floor(p.versionNum / 10000);
    const b = Math.floor(f.localVersionNum / 10000);
    add('same major version', a === b, a === b ? `${a}` : `primary is ${a}, local pg_basebackup/postgres are ${b}`);
  } else add('same major version', false, f.localVersionError ?? unread);
  add('wal_level', p ? p.walLevel === 'replica' || p.walLevel === 'logical' : false, p ? (p.walLevel === 'minimal' ? 'wal_level is minimal; run catdb replica prepare-primary and restart the primary' : p.walLevel) : unread);
  add(
    'primary configuration',
    Boolean(p),
    p ? (p.configInsideDataDir ? 'in its data directory: copied by the base backup' : "outside its data directory (Debian-style): the standby gets its own postgresql.conf with the primary's settings, pg_hba.conf and pg_ident.conf") : unread,
  );

  // On resume the standby already running in the data directory is the slot's rightful user.
  const ownActive = mode === 'resume' && f.slot.active && f.dataDir.running === true;
  const slotDetail = ownActive ? `slot ${f.slot.name} is in use by the standby in ${f.dataDir.path}` : f.slot.exists ? (f.slot.active ? `slot ${f.slot.name} is in use by a running walsender` : f.slot.type !== 'physical' ? `slot ${f.slot.name} is a ${f.slot.type} slot` : `slot ${f.slot.name} exists and is inactive: it will be reused`) : `slot ${f.slot.name} will be created`;
  add('replication slot', f.slot.exists ? (ownActive || !f.slot.active) && f.slot.type === 'physical' : true, slotDetail);
  if (mode === 'fresh') {
    if (p) {
      const freeSenders = p.maxWalSenders - p.walSendersInUse;
      add('free WAL senders', freeSenders >= 2, `${freeSenders} of max_wal_senders=${p.maxWalSenders} free; the base backup needs 2, the standby 1`);
      const freeSlots = p.maxReplicationSlots - p.slotsInUse;
      add('free replication slots', f.slot.exists || freeSlots >= 1, `${freeSlots} of max_replication_slots=${p.maxReplicationSlots} free`);
    } else {
      add('free WAL senders', false, unread);
      add('free replication slots', false, unread);
    }
  }
  if (f.role) {
    const missing = [...(f.role.exists ? [] : ['does not exist']), ...(f.role.exists && !f.role.replication ? ['lacks REPLICATION'] : []), ...(f.role.exists && !f.role.login ? ['lacks LOGIN'] : [])];
    add('replication role', missing.length === 0, missing.length ? `role ${missing.join(', ')}; run catdb replica prepare-primary` : 'REPLICATION, LOGIN');
  } else add('replication role', false, unread);
  add('replication connection (IDENTIFY_SYSTEM)', f.replicationConnection.ok, f.replicationConnection.detail);
  if (p && f.replicationConnection.systemIdentifier && f.replicationConnection.systemIdentifier !== p.systemIdentifier) {
    add('replication connection reaches the primary', false, `system ${f.replicationConnection.systemIdentifier} answered, the primary is ${p.systemIdentifier}`);
  }

  for (const name of STANDBY_MIN_SETTINGS) {
    if (!p) {
      add(`standby ${name} ≥ primary`, false, unread);
      continue;
    }
    const primaryValue = p.settings[name];
    const override = f.standbySettings[name];
    const standbyValue = override === undefined ? primaryValue : Number(override);
    const ok = primaryValue !== undefined && standbyValue !== undefined && standbyValue >= primaryValue;
    add(`standby ${name} ≥ primary`, ok, `${standbyValue} ${ok ? '≥' : '<'} ${primaryValue}${ok ? '' : ': the standby would refuse to start'}`);
  }

  const d = f.dataDir;
  const dirOk = d.state !== 'other';
  add('data directory empty or absent', dirOk, d.state === 'standby' ? `${d.path} holds a standby of this primary on slot ${f.slot.name}: resuming` : (d.detail ?? `${d.path} is ${d.state}`));
  add('data directory reachable by the server user', d.reachableByServer, d.reachableByServer ? 'ok' : `a folder above ${d.path} cannot be traversed by the postgres OS user`);
  if (mode === 'fresh') {
    if (p && d.freeBytes !== null) {
      const need = neededBytes(p.databaseBytes);
      add('free disk', d.freeBytes >= need, `${formatBytes(d.freeBytes)} free, ${formatBytes(need)} needed (databases ${formatBytes(p.databaseBytes)} + 10% + 64 MB)`);
    } else add('free disk', false, p ? 'could not read the free space' : unread);
    add('port free', f.port.free, f.port.free ? `${f.port.port}` : `something already listens on 127.0.0.1:${f.port.port}`);
  }
  return { checks, ok: checks.every((c) => c.ok), mode };
}
