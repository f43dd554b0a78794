import type { PrepareAction } from './types.js';

/** What prepare-primary found on the server (read by readPrimaryFacts). */
export interface PrimaryFacts {
  settings: Record<string, { setting: string; unit: string | null; context: string }>;
  role: { exists: boolean; replication: boolean; login: boolean; verifier: string | null };
  hba: { file: string; local: boolean; writable: boolean; reason?: string; hasLine: boolean };
}

export interface PreparePlanOptions {
  replicationUser: string;
  hbaLine: string;
  /** e.g. '10GB'; undefined leaves max_slot_wal_keep_size alone. */
  maxSlotWalKeepSize?: string | undefined;
  minWalSenders: number;
  minReplicationSlots: number;
  /** Whether a password file matches the existing role's verifier (null: unknown / no file). */
  passwordMatches: boolean | null;
}

const MEMORY_UNITS: Record<string, bigint> = { b: 1n, kb: 1024n, mb: 1024n ** 2n, gb: 1024n ** 3n, tb: 1024n ** 4n };

/** A size setting as bytes (-1 stays -1); `unit` is pg_settings.unit, like '8kB' or 'MB'. */
export function settingBytes(value: string, unit: string | null): bigint | undefined {
  const v = value.trim();
  if (v === '-1') return -1n;
  const m = /^(\d+)\s*([a-zA-Z]*)$/.exec(v);
  if (!m) return undefined;
  let base = 1n;
  let u = m[2]!.toLowerCase();
  if (!u && unit) {
    const um = /^(\d*)([a-zA-Z]+)$/.exec(unit);
    base = BigInt(um?.[1] || '1');
    u = (um?.[2] ?? '').toLowerCase();
  }
  const mult = MEMORY_UNITS[u || 'b'];
  return mult === undefined ? undefined : BigInt(m[1]!) * base * mult;
}

/**
 * Decides what prepare-primary must change. Settings are only raised, never lowered;
 * an existing role keeps its password. Pure: the apply step runs exactly these actions.
 */
export function planPreparePrimary(facts: PrimaryFacts, options: PreparePlanOptions): PrepareAction[] {
  const actions: PrepareAction[] = [];
  const get = (name: string) => facts.settings[name] ?? { setting: '', unit: null, context: 'postmaster' };
  const setting = (name: string, target: string, apply: boolean, note?: string) => {
    const s = get(name);
    actions.push({ kind: 'setting', name, current: s.setting + (s.unit && s.setting !== '-1' && /^\d/.test(s.setting) ? s.unit : ''), target, apply, needsRestart: apply && s.context === 'postmaster', ...(note ? { note } : {}) });
  };

  const walLevel = get('wal_level').setting;
  setting('wal_level', walLevel === 'logical' ? 'logical' : 'replica', walLevel !== 'replica' && walLevel !== 'logical');
  const senders = Number(get('max_wal_senders').setting);
  setting('max_wal_senders', String(Math.max(senders, options.minWalSenders)), senders < options.minWalSenders);
  const slots = Number(get('max_replication_slots').setting);
  setting('max_replication_slots', String(Math.max(slots, options.minReplicationSlots)), slots < options.minReplicationSlots);
  const keep = get('max_slot_wal_keep_size');
  if (options.maxSlotWalKeepSize !== undefined) {
    const current = settingBytes(keep.setting, keep.unit);
    const target = settingBytes(options.maxSlotWalKeepSize, 'MB');
    setting('max_slot_wal_keep_size', options.maxSlotWalKeepSize, current === undefined || target === undefined || current !== target);
  } else {
    setting('max_slot_wal_keep_size', keep.setting, false, keep.setting === '-1' ? 'unlimited: a standby that stays away can fill the disk; pass --max-slot-wal-keep-size' : undefined);
  }

  const role = options.replicationUser;
  if (!facts.role.exists) {
    actions.push({ kind: 'create-role', role, apply: true });
  } else {
    actions.push({ kind: 'role-exists', role, passwordMatches: options.passwordMatches, apply: false });
    const missing = [...(facts.role.replication ? [] : ['REPLICATION']), ...(facts.role.login ? [] : ['LOGIN'])];
    if (missing.length) actions.push({ kind: 'role-attributes', role, missing, apply: true });
  }
  const hbaApply = !facts.hba.hasLine && facts.hba.local && facts.hba.writable;
  actions.push({
    kind: 'hba',
    file: facts.hba.file,
    line: options.hbaLine,
    apply: hbaApply,
    writable: facts.hba.local && facts.hba.writable,
    ...(facts.hba.hasLine ? { reason: 'already present' } : facts.hba.reason ? { reason: facts.hba.reason } : {}),
  });
  const reloadNeeded = actions.some((a) => a.apply && (a.kind === 'hba' || (a.kind === 'setting' && !a.needsRestart)));
  actions.push({ kind: 'reload', apply: reloadNeeded });
  return actions;
}
