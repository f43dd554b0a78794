import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PgClient } from '../pg/connect.js';
import { chownTo, type OsUser } from '../os/os-user.js';
import { renderStandbyBaseConf } from './render-standby-base-conf.js';

/**
 * Gives a standby of a split-config primary (Debian's /etc/postgresql/<ver>/<cluster>/) the
 * configuration the base backup could not bring: postgresql.conf with the primary's settings
 * in effect, and the primary's pg_hba.conf and pg_ident.conf as the server reads them
 * (pg_read_file, so the primary may be on another machine). The standby then starts from its
 * data directory alone, like any other. A file already there is never replaced.
 * Returns the paths written (0600, owned by the server user).
 */
export async function copyPrimaryConfig(client: PgClient, dataDir: string, osUser: OsUser | undefined): Promise<string[]> {
  const rows = (await client.query("select name, setting from pg_settings where source = 'configuration file' order by name")).rows;
  const f = (await client.query("select current_setting('config_file') as conf, pg_read_file(current_setting('hba_file')) as hba, pg_read_file(current_setting('ident_file')) as ident")).rows[0];
  const files: [string, string][] = [
    ['postgresql.conf', renderStandbyBaseConf(rows, f.conf)],
    ['pg_hba.conf', f.hba],
    ['pg_ident.conf', f.ident],
  ];
  const written: string[] = [];
  for (const [name, content] of files) {
    const path = join(dataDir, name);
    if (existsSync(path)) continue;
    writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
    chownTo(path, osUser);
    written.push(path);
  }
  return written;
}
