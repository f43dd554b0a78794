import { statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { isPortInUse } from '../os/free-port.js';
import { isReachableBy, type OsUser } from '../os/os-user.js';
import { connect, type PgClient } from '../pg/connect.js';
import { identifySystem } from './identify-system.js';
import { STANDBY_MIN_SETTINGS, type PreflightFacts } from './plan-preflight.js';
import { dirState, isServerRunning, localVersionNum, readAutoConfSetting, readSystemIdentifier } from './standby-files.js';

export interface PreflightInput {
  primaryUrl: string;
  replicationUser: string;
  password: string;
  slot: string;
  dataDir: string;
  port: number;
  binDir: string;
  osUser: OsUser | undefined;
  standbySettings: Record<string, string | number | boolean>;
  signal?: AbortSignal | undefined;
}

function freeBytes(path: string): bigint | null {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  try {
    const s = statfsSync(p, { bigint: true });
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

async function readPrimary(client: PgClient, slot: string) {
  const s = (
    await client.query(
      `select current_setting('server_version_num')::int as version_num, pg_is_in_recovery() as in_recovery,
              current_setting('wal_level') as wal_level,
              current_setting('max_wal_senders')::int as max_wal_senders,
              (select count(*)::int from pg_stat_replication) as senders_in_use,
              current_setting('max_replication_slots')::int as max_slots,
              (select count(*)::int from pg_replication_slots) as slots_in_use,
              (select sum(pg_database_size(oid))::bigint::text from pg_database where datallowconn) as db_bytes,
              current_setting('config_file') like current_setting('data_directory') || '/%' as config_inside,
              (select system_identifier::text from pg_control_system()) as system_id`,
    )
  ).rows[0];
  const settings: Record<string, number> = {};
  for (const r of (await client.query('select name, setting from pg_settings where name = any($1::text[])', [[...STANDBY_MIN_SETTINGS]])).rows) settings[r.name] = Number(r.setting);
  const slotRow = (await client.query('select slot_type, active from pg_replication_slots where slot_name = $1', [slot])).rows[0];
  return {
    primary: {
      versionNum: s.version_num,
      inRecovery: s.in_recovery,
      walLevel: s.wal_level,
      maxWalSenders: s.max_wal_senders,
      walSendersInUse: s.senders_in_use,
      maxReplicationSlots: s.max_slots,
      slotsInUse: s.slots_in_use,
      settings,
      databaseBytes: BigInt(s.db_bytes ?? '0'),
      configInsideDataDir: Boolean(s.config_inside),
      systemIdentifier: s.system_id,
    },
    slot: { name: slot, exists: Boolean(slotRow), active: Boolean(slotRow?.active), type: slotRow?.slot_type ?? null },
  };
}

/** Gathers everything planPreflight judges. Never throws for a failed check: failures become facts. */
export async function readPreflightFacts(input: PreflightInput): Promise<PreflightFacts> {
  const facts: PreflightFacts = {
    slot: { name: input.slot, exists: false, active: false, type: null },
    replicationConnection: { ok: false, detail: 'not tried' },
    dataDir: { path: input.dataDir, state: 'absent', reachableByServer: isReachableBy(input.dataDir, input.osUser), freeBytes: freeBytes(input.dataDir) },
    port: { port: input.port, free: !(await isPortInUse(input.port)) },
    standbySettings: input.standbySettings,
  };
  try {
    facts.localVersionNum = localVersionNum(input.binDir);
  } catch (err) {
    facts.localVersionError = `cannot run ${join(input.binDir, 'postgres')} --version: ${(err as Error).message}`;
  }
  let client: PgClient | undefined;
  try {
    client = await connect(input.primaryUrl, { applicationName: 'catdb replica init', ...(input.signal ? { signal: input.signal } : {}) });
    const read = await readPrimary(client, input.slot);
    facts.primary = read.primary;
    facts.slot = read.slot;
    const role = (await client.query('select rolreplication, rolcanlogin from pg_roles where rolname = $1', [input.replicationUser])).rows[0];
    facts.role = { exists: Boolean(role), replication: Boolean(role?.rolreplication), login: Boolean(role?.rolcanlogin) };
  } catch (err) {
    facts.primaryError = (err as Error).message;
  } finally {
    await client?.end().catch(() => {});
  }
  try {
    const id = await identifySystem(input.primaryUrl, input.replicationUser, input.password, input.signal);
    facts.replicationConnection = { ok: true, detail: `system ${id.systemIdentifier}, timeline ${id.timeline}`, systemIdentifier: id.systemIdentifier, timeline: id.timeline };
  } catch (err) {
    facts.replicationConnection = { ok: false, detail: (err as Error).message };
  }

  const state = dirState(input.dataDir);
  if (state === 'absent' || state === 'empty') facts.dataDir.state = state;
  else if (state === 'not-dir') facts.dataDir = { ...facts.dataDir, state: 'other', detail: `${input.dataDir} is not a directory` };
  else {
    // A standby this command made earlier for the same slot and primary can be resumed; anything else is refused.
    const isStandby = existsSync(join(input.dataDir, 'standby.signal')) && existsSync(join(input.dataDir, 'PG_VERSION'));
    const slot = readAutoConfSetting(input.dataDir, 'primary_slot_name');
    const sysId = isStandby ? readSystemIdentifier(input.binDir, input.dataDir) : undefined;
    const primaryId = facts.primary?.systemIdentifier;
    if (isStandby && slot === input.slot && sysId !== undefined && sysId === primaryId) {
      facts.dataDir.state = 'standby';
      facts.dataDir.running = isServerRunning(input.dataDir);
    }
    else {
      const why = !isStandby
        ? 'is not empty and holds no standby'
        : slot !== input.slot
          ? `holds a standby for slot ${slot ?? '(none)'}, not ${input.slot}`
          : `holds a standby of another cluster (system ${sysId ?? 'unknown'})`;
      facts.dataDir = { ...facts.dataDir, state: 'other', detail: `${input.dataDir} ${why}; choose an empty directory or remove it` };
    }
  }
  return facts;
}
