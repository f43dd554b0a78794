import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatdbError, throwIfAborted } from '../errors.js';
import { connect } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { redactUrl } from '../pg/redact-url.js';
import { dropSlot, validateSlotName } from './apply-slot.js';
import { isServerRunning, readAutoConfSetting, standbySideDir } from './standby-files.js';
import type { ReplicaEvent } from './types.js';

export interface RemoveReplicaOptions {
  primaryUrl: string;
  slot: string;
  /** Also delete this standby data directory (and its side folder with the passfile). */
  dataDir?: string;
  signal?: AbortSignal;
  onEvent?: (event: ReplicaEvent) => void;
}

export interface RemoveReplicaResult {
  slotDropped: boolean;
  dataDirRemoved: boolean;
}

/**
 * Drops the standby's physical slot (so the primary stops keeping WAL for it) and, when
 * asked, deletes its data directory. Refuses while the slot is active, while a server runs
 * on the data directory, and when the directory is not a standby of that slot, so it
 * never deletes anything else. Errors: REPLICA_SLOT_ACTIVE, REPLICA_CONFIG, PG_*.
 */
export async function removeReplica(options: RemoveReplicaOptions): Promise<RemoveReplicaResult> {
  const emit = options.onEvent ?? (() => {});
  const slot = validateSlotName(options.slot);
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir && existsSync(dataDir)) {
    if (isServerRunning(dataDir)) {
      throw new CatdbError('REPLICA_CONFIG', `A server is running on ${dataDir}`, { hint: `Stop it first (pg_ctl -D ${dataDir} stop).`, details: { dataDir } });
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
  let dataDirRemoved = false;
  if (dataDir) {
    emit({ type: 'replica.step', step: 'remove-data-dir', status: 'start' });
    dataDirRemoved = existsSync(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(standbySideDir(dataDir), { recursive: true, force: true });
    emit({ type: 'replica.step', step: 'remove-data-dir', status: dataDirRemoved ? 'done' : 'skipped', detail: dataDir });
  }
  return { slotDropped, dataDirRemoved };
}
