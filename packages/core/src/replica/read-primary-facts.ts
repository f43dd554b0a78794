import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PgClient } from '../pg/connect.js';
import { planHbaEdit } from './plan-hba-edit.js';
import type { PrimaryFacts } from './plan-prepare-primary.js';

const SETTINGS = ['wal_level', 'max_wal_senders', 'max_replication_slots', 'max_slot_wal_keep_size'];

function isLoopback(host: string | undefined): boolean {
  return !host || host.startsWith('/') || host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/**
 * Decides whether the primary's pg_hba.conf is this machine's file: the server must be
 * reached over loopback and its data directory's postmaster.pid must name the same port,
 * so a same-named file of another server is never edited.
 */
function hbaLocality(hbaFile: string, dataDirectory: string, port: number, host: string | undefined): { local: boolean; writable: boolean; reason?: string } {
  if (!isLoopback(host)) return { local: false, writable: false, reason: 'the primary is not on this machine' };
  const pidFile = join(dataDirectory, 'postmaster.pid');
  if (!existsSync(hbaFile) || !existsSync(pidFile)) return { local: false, writable: false, reason: 'the file is not on this machine' };
  // Line 4 of postmaster.pid is the port (src/include/utils/pidfile.h).
  if (Number(readFileSync(pidFile, 'utf8').split('\n')[3]) !== port) return { local: false, writable: false, reason: 'the data directory here belongs to another server' };
  try {
    accessSync(hbaFile, constants.W_OK);
    return { local: true, writable: true };
  } catch {
    return { local: true, writable: false, reason: 'the file is not writable by this user' };
  }
}

/** Reads the settings, role and pg_hba.conf facts that planPreparePrimary needs. */
export async function readPrimaryFacts(client: PgClient, user: string, hbaLine: string, host: string | undefined): Promise<PrimaryFacts> {
  const settings: PrimaryFacts['settings'] = {};
  const rows = (await client.query('select name, setting, unit, context from pg_settings where name = any($1::text[])', [SETTINGS])).rows;
  for (const r of rows) settings[r.name] = { setting: r.setting, unit: r.unit, context: r.context };
  const role = (await client.query('select rolreplication, rolcanlogin from pg_roles where rolname = $1', [user])).rows[0];
  let verifier: string | null = null;
  if (role) {
    // Only superusers can read pg_authid; without it we simply cannot compare the password file.
    verifier = await client
      .query('select rolpassword from pg_authid where rolname = $1', [user])
      .then((r) => r.rows[0]?.rolpassword ?? null)
      .catch(() => null);
  }
  const s = (await client.query("select current_setting('hba_file') as hba, current_setting('data_directory') as data, current_setting('port')::int as port")).rows[0];
  const locality = hbaLocality(s.hba, s.data, s.port, host);
  const hasLine = locality.local && existsSync(s.hba) ? planHbaEdit(readFileSync(s.hba, 'utf8'), hbaLine).present : false;
  return {
    settings,
    role: { exists: Boolean(role), replication: Boolean(role?.rolreplication), login: Boolean(role?.rolcanlogin), verifier },
    hba: { file: s.hba, ...locality, hasLine },
  };
}
