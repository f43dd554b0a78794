import pg from 'pg';
import { parse } from 'pg-connection-string';
import { mapPgError } from '../pg/map-pg-error.js';

export interface IdentifySystem {
  systemIdentifier: string;
  timeline: number;
  xlogpos: string;
}

/**
 * Opens a physical replication connection as `user` (the way a standby will) and runs
 * IDENTIFY_SYSTEM: proves pg_hba.conf, the password and the REPLICATION attribute at once.
 * The password stays in this process's memory. Errors: PG_UNREACHABLE / PG_AUTH_FAILED / PG_QUERY_FAILED.
 */
export async function identifySystem(primaryUrl: string, user: string, password: string, signal?: AbortSignal): Promise<IdentifySystem> {
  const parsed = parse(primaryUrl);
  const client = new pg.Client({
    host: parsed.host ?? '127.0.0.1',
    port: Number(parsed.port ?? 5432),
    user,
    password,
    database: 'replication',
    replication: 'true',
    application_name: 'catdb preflight',
    ...(typeof parsed.ssl === 'object' || typeof parsed.ssl === 'boolean' ? { ssl: parsed.ssl as boolean } : {}),
  } as pg.ClientConfig);
  client.on('error', () => {});
  const onAbort = (): void => void client.end().catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    // Walsenders speak the simple query protocol only; a parameterless query uses it.
    const row = (await client.query('IDENTIFY_SYSTEM')).rows[0];
    return { systemIdentifier: String(row.systemid), timeline: Number(row.timeline), xlogpos: String(row.xlogpos) };
  } catch (err) {
    throw mapPgError(err, { what: `Replication connection as ${user} failed`, target: `${parsed.host}:${parsed.port ?? 5432}` });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => {});
  }
}
