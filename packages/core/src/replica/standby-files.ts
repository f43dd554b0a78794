import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { renderConninfo } from './render-standby-config.js';
import { childEnv } from '../os/child-env.js';

/** Folder next to a standby's data directory for its passfile and server log (never copied with the data). */
export function standbySideDir(dataDir: string): string {
  return `${dataDir}.catdb`;
}

/**
 * True when `dataDir` holds a standby that catdb replica init configured: its primary_conninfo
 * reads the passfile in catdb's side folder, as nothing but catdb writes it. This is how a
 * standby made before `.catdb-owned` marks is recognised.
 */
export function isCatdbStandby(dataDir: string): boolean {
  const conninfo = readAutoConfSetting(dataDir, 'primary_conninfo');
  return conninfo !== undefined && conninfo.includes(renderConninfo({ passfile: join(standbySideDir(dataDir), 'pgpass') }));
}

/** The value of a setting in postgresql.auto.conf (last occurrence wins, as in PostgreSQL). */
export function readAutoConfSetting(dataDir: string, name: string): string | undefined {
  const file = join(dataDir, 'postgresql.auto.conf');
  if (!existsSync(file)) return undefined;
  let value: string | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*=?\s*(?:'((?:[^'\\]|''|\\.)*)'|([^\s#]+))/.exec(line);
    if (m && m[1]!.toLowerCase() === name) value = m[2] !== undefined ? m[2].replaceAll("''", "'") : m[3];
  }
  return value;
}

/** Database system identifier from pg_controldata, or undefined when it cannot be read. */
export function readSystemIdentifier(binDir: string, dataDir: string): string | undefined {
  try {
    const out = execFileSync(join(binDir, 'pg_controldata'), [dataDir], { encoding: 'utf8', env: childEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
    return /Database system identifier:\s*(\d+)/.exec(out)?.[1];
  } catch {
    return undefined;
  }
}

/** 'absent', 'empty', 'not-dir' or 'not-empty'. */
export function dirState(path: string): 'absent' | 'empty' | 'not-dir' | 'not-empty' {
  if (!existsSync(path)) return 'absent';
  if (!statSync(path).isDirectory()) return 'not-dir';
  return readdirSync(path).length === 0 ? 'empty' : 'not-empty';
}

export { isServerRunning } from '../os/is-server-running.js';

/** The major.minor version number (like 150010) of the local server binaries. */
export function localVersionNum(binDir: string): number {
  const out = execFileSync(join(binDir, 'postgres'), ['--version'], { encoding: 'utf8', env: childEnv() });
  const m = /(\d+)(?:\.(\d+))?/.exec(out.replace(/^[^)]*\)/, ''));
  if (!m) throw new Error(`cannot read the version from "${out.trim()}"`);
  return Number(m[1]) * 10000 + Number(m[2] ?? 0);
}
