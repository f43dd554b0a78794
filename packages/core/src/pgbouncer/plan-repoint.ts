import { CatdbError } from '../errors.js';
import type { ListenAddress, PgbouncerState } from './types.js';

export interface RepointPlan {
  /** pgbouncer.ini with the primary aliases' host and port replaced, everything else as it was. */
  ini: string;
  state: PgbouncerState;
  /** Aliases that lead to the new primary after the change. */
  aliases: string[];
  /** False when they already did: nothing to write or reload. */
  changed: boolean;
}

const ENTRY = /^(\s*)([A-Za-z0-9_][A-Za-z0-9_.-]*)(\s*=\s*)(.*)$/;

/**
 * Points every `role: primary` alias of a catdb-written pgbouncer.ini at `to` (host and port
 * of the new primary), leaving dbname, the read-only aliases and `[pgbouncer]` untouched.
 * Pure. Errors: PGBOUNCER_CONFIG when the ini has no entry for a primary alias the state names.
 */
export function planRepoint(iniText: string, state: PgbouncerState, to: ListenAddress): RepointPlan {
  if (!/^[A-Za-z0-9_.:/-]+$/.test(to.host) || !Number.isInteger(to.port) || to.port < 1 || to.port > 65535) {
    throw new CatdbError('PGBOUNCER_CONFIG', `The address "${to.host}:${to.port}" cannot be written to pgbouncer.ini as is`, { hint: 'Give the new primary as a plain host name or IP address and a port.', details: { host: to.host, port: to.port } });
  }
  const primaries = new Set(state.databases.filter((d) => d.role === 'primary').map((d) => d.alias));
  const found = new Set<string>();
  let section = '';
  const lines = iniText.split('\n').map((line) => {
    const header = /^\s*\[(.+)\]\s*$/.exec(line);
    if (header) section = header[1]!.trim().toLowerCase();
    const m = section === 'databases' ? ENTRY.exec(line) : null;
    if (!m || !primaries.has(m[2]!)) return line;
    found.add(m[2]!);
    const value = m[4]!.replace(/(^|\s)host=\S+/, `$1host=${to.host}`).replace(/(^|\s)port=\d+/, `$1port=${to.port}`);
    return `${m[1]}${m[2]}${m[3]}${value}`;
  });
  const missing = [...primaries].filter((a) => !found.has(a));
  if (missing.length > 0) {
    throw new CatdbError('PGBOUNCER_CONFIG', `pgbouncer.ini has no [databases] entry for ${missing.join(', ')}`, {
      hint: 'Re-run catdb pgbouncer init for this folder: the ini no longer matches what it recorded.',
      details: { missing },
    });
  }
  const ini = lines.join('\n');
  const databases = state.databases.map((d) => (d.role === 'primary' ? { ...d, host: to.host, port: to.port } : d));
  return { ini, state: { ...state, databases }, aliases: [...primaries], changed: ini !== iniText };
}
