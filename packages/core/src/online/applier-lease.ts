import type pg from 'pg';
import { mapPgError } from '../pg/map-pg-error.js';

// One applier per target schema: the follower holds this session lock while it applies,
// the cutover takes it over. A crashed process loses it with its connection.
const KEY = `hashtextextended('catdb online migration into ' || $1, 0)`;

/** Takes the applier lease of `schema` on this session if it is free; never waits. */
export async function tryTakeLease(client: pg.Client, schema: string): Promise<boolean> {
  try {
    const res = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS ok`, [schema]);
    return res.rows[0]!.ok;
  } catch (err) {
    throw mapPgError(err, { what: 'Taking the online migration lock failed' });
  }
}

/** Gives the lease back (no error when this session does not hold it). */
export async function releaseLease(client: pg.Client, schema: string): Promise<void> {
  await client.query(`SELECT pg_advisory_unlock(${KEY})`, [schema]).catch(() => {});
}
