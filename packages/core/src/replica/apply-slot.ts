import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError } from '../errors.js';
import type { PgClient } from '../pg/connect.js';

/** Slot names PostgreSQL accepts: lower-case letters, digits and underscores, at most 63. */
export function validateSlotName(name: string): string {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) {
    throw new CatdbError('USAGE_INVALID_OPTION', `"${name}" is not a valid replication slot name`, { hint: 'Use lower-case letters, digits and underscores (at most 63).' });
  }
  return name;
}

/**
 * Creates the physical slot, reserving WAL at once, unless it exists: an inactive physical
 * slot is reused, an active or logical one refused (REPLICA_SLOT_ACTIVE / REPLICA_CONFIG).
 * Returns whether this call created it.
 */
export async function ensurePhysicalSlot(client: PgClient, slot: string): Promise<boolean> {
  const existing = (await client.query('select slot_type, active from pg_replication_slots where slot_name = $1', [slot])).rows[0];
  if (existing) {
    if (existing.slot_type !== 'physical') throw new CatdbError('REPLICA_CONFIG', `Slot ${slot} is a ${existing.slot_type} slot`, { hint: 'Pick another --slot name.', details: { slot } });
    if (existing.active) throw new CatdbError('REPLICA_SLOT_ACTIVE', `Slot ${slot} is in use by a running standby`, { hint: 'Pick another --slot name, or stop that standby first.', details: { slot } });
    return false;
  }
  await client.query('select pg_create_physical_replication_slot($1, true)', [slot]);
  return true;
}

/**
 * Drops a slot, waiting up to `waitMs` for a walsender that is going away to release it
 * (after a failed pg_basebackup it lingers a moment). Returns false when there was none.
 * Errors: REPLICA_SLOT_ACTIVE when it stays in use.
 */
export async function dropSlot(client: PgClient, slot: string, waitMs = 0): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = (await client.query('select active from pg_replication_slots where slot_name = $1', [slot])).rows[0];
    if (!row) return false;
    if (!row.active) {
      await client.query('select pg_drop_replication_slot($1)', [slot]);
      return true;
    }
    if (Date.now() >= deadline) {
      throw new CatdbError('REPLICA_SLOT_ACTIVE', `Slot ${slot} is in use by a connected standby`, { hint: 'Stop the standby first; catdb does not drop a slot that is streaming.', details: { slot } });
    }
    await sleep(200);
  }
}
