import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatdbError, throwIfAborted } from '../errors.js';
import { notOwnedError, readOwnerMark } from '../fs/owner-mark.js';
import { removeOwnedDir } from '../fs/remove-owned-dir.js';
import { connect } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { redactUrl } from '../pg/redact-url.js';
import { dropSlot, validateSlotName } from './apply-slot.js';
import { isCatdbStandby, isServerRunning, readAutoConfSetting, standbySideDir } from './standby-files.js';
import type { ReplicaEvent } from './types.js';

/** Options of removeReplica. */
export interface RemoveReplicaOptions {
  primaryUrl: string;
  slot: string;
  /** Also delete this standby data directory (and its side folder with the passfile), when catdb made them. */
  dataDir?: string;
  signal?: AbortSignal;
  onEvent?: (event: ReplicaEvent) => void;
}

/** What removeReplica dropped and deleted, and what it left in place with the reason. */
export interface RemoveReplicaResult {
  slotDropped: boolean;
  dataDirRemoved: boolean;
  /** What was deleted ('removed'), or emptied and kept because it existed before catdb filled it ('emptied'). */
  removed: { path: string; how: 'removed' | 'emptied' }[];
  /** What was left in place, and why. */
  left: { path: string; reason: string }[];
}

/**
 * Drops the standby's physical slot (so the primary stops keeping WAL for it) and, when
 * asked, deletes its data directory and `<dataDir>.catdb` side folder. Deletes only what
 * `initReplica` made (the side folder's `.catdb-owned` mark vouches for the data directory;
 * a standby from before marks is recognised by its primary_conninfo), refuses while the slot
 * is active or a server runs there, and checks everything before dropping the slot. A data
 * directory that does not exist leaves every folder alone. Errors: REPLICA_SLOT_ACTIVE,
 * REPLICA_CONFIG, FS_NOT_OWNED, PG_*.
 */
export async function removeReplica(options: RemoveReplicaOptions): Promise<RemoveReplicaResult> {
  const emit = options.onEvent ?? (() => {});
  const slot = validateSlotName(options.slot);
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const sideDir = dataDir && standbySideDir(dataDir);
  let dataOwner: { adopted: boolean } | undefined;
  let sideOwner: { adopted: boolean } | undefined;
  if (dataDir && sideDir && existsSync(dataDir)) {
    if (isServerRunning(dataDir)) {
      throw new CatdbError('REPLICA_CONFIG', `A server is running on ${dataDir}`, { hint: `Stop it first (pg_ctl -D ${dataDir} stop).`, details: { dataDir } });
    }
    const mark = readOwnerMark(sideDir);
    const legacy = isCatdbStandby(dataDir);
    dataOwner = mark?.vouchesFor?.path === dataDir ? mark.vouchesFor : legacy ? { adopted: false } : undefined;
    sideOwner = mark ?? (legacy ? { adopted: false } : undefined);
    if (!dataOwner) {
      throw notOwnedError(dataDir, `${dataDir} is not a standby data directory that catdb replica init made (no mark in ${sideDir} vouches for it), so catdb will not delete it; nothing was changed`, `Delete ${dataDir} yourself, or run without --data-dir to drop only the slot.`);
    }
    const isStandby = existsSync(join(dataDir, 'standby.signal')) && existsSync(join(dataDir, 'PG_VERSION'));
    const dirSlot = readAutoConfSetting(dataDir, 'primary_slot_name');
    if (!isStandby || dirSlot !== slot) {
      throw new CatdbError('REPLICA_CONFIG', `${dataDir} is not a standby data directory for slot ${slot}`, {
        hint: 'catdb only deletes a standby it can recognise (standby.signal and primary_slot_name); remove other folders yourself.',
        details: { dataDir, slotInDir: dirSlot ?? null },
      });
    }
  }
  throwIfAborted(options.signal);
  const client = await connect(options.primaryUrl, { applicationName: 'catdb replica remove', ...(options.signal ? { signal: options.signal } : {}) });
  let slotDropped: boolean;
  try {
    emit({ type: 'replica.step', step: 'drop-slot', status: 'start' });
    slotDropped = await dropSlot(client, slot);
    emit({ type: 'replica.step', step: 'drop-slot', status: slotDropped ? 'done' : 'skipped', detail: slotDropped ? `dropped ${slot}` : `no slot ${slot}` });
  } catch (err) {
    throw mapPgError(err, { what: `Could not drop slot ${slot}`, target: redactUrl(options.primaryUrl) });
  } finally {
    await client.end().catch(() => {});
  }
  const removed: RemoveReplicaResult['removed'] = [];
  const left: RemoveReplicaResult['left'] = [];
  if (dataDir && sideDir) {
    emit({ type: 'replica.step', step: 'remove-data-dir', status: 'start' });
    if (!dataOwner) {
      left.push({ path: dataDir, reason: 'does not exist' });
      if (existsSync(sideDir)) left.push({ path: sideDir, reason: `kept: with ${dataDir} gone nothing shows it belongs to this standby` });
    } else {
      for (const [path, owner] of [[dataDir, dataOwner], [sideDir, sideOwner]] as const) {
        if (!existsSync(path)) continue;
        if (!owner) left.push({ path, reason: 'not a folder catdb created' });
        else removed.push({ path, how: removeOwnedDir(path, owner) === 'emptied' ? 'emptied' : 'removed' });
      }
    }
    const detail = [...removed.map((r) => `${r.how} ${r.path}`), ...left.map((l) => `left ${l.path} (${l.reason})`)].join('; ');
    emit({ type: 'replica.step', step: 'remove-data-dir', status: removed.length > 0 ? 'done' : 'skipped', detail });
  }
  return { slotDropped, dataDirRemoved: removed.some((r) => r.path === dataDir), removed, left };
}
