import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * True for the folder of a local server that a catdb from before `.catdb-owned` marks set up:
 * its passfile, an initialised `data/`, and the `catdb.conf` only catdb writes there.
 */
export function isLegacyServerDir(dir: string): boolean {
  try {
    return existsSync(join(dir, 'pgpass')) && existsSync(join(dir, 'data', 'PG_VERSION')) && readFileSync(join(dir, 'data', 'catdb.conf'), 'utf8').startsWith('# Written by catdb');
  } catch {
    return false;
  }
}
