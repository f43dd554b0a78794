import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The one per-user folder of catdb's local PostgreSQL: `$CATDB_HOME` when set, else
 * `$XDG_DATA_HOME/catdb`, else `~/.local/share/catdb` (the XDG Base Directory default). A
 * relative XDG_DATA_HOME is ignored, as the specification says. Pure apart from reading `env`
 * and the home folder; creates nothing.
 */
export function localServerHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CATDB_HOME) return resolve(env.CATDB_HOME);
  const xdg = env.XDG_DATA_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'catdb');
  return join(env.HOME || homedir(), '.local', 'share', 'catdb');
}
