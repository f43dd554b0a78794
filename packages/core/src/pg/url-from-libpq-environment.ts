import { CatdbError } from '../errors.js';

/**
 * A connection URL from libpq's PGHOST, PGPORT, PGUSER and PGDATABASE, as psql would connect
 * with them; undefined unless PGHOST or PGDATABASE is set (PGUSER or PGPORT alone are only
 * defaults, not a choice of server). A PGHOST that is a socket folder (`/var/run/postgresql`)
 * goes into the `host` parameter. The password is never put in: PGPASSWORD and the passfile
 * are read when connecting. Errors: USAGE_INVALID_URL naming PGPORT when it is no port.
 */
export function urlFromLibpqEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const host = env.PGHOST || undefined;
  const database = env.PGDATABASE || undefined;
  if (!host && !database) return undefined;
  const port = env.PGPORT || undefined;
  if (port !== undefined && (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    throw new CatdbError('USAGE_INVALID_URL', `PGPORT is not a port number from 1 to 65535${/^[\w.-]{1,10}$/.test(port) ? ` ("${port}")` : ''}`, {
      hint: 'Set PGPORT to the server port (e.g. 5432), unset it, or pass --to postgres://user@host:port/database.',
      details: { problem: 'PGPORT', variable: 'PGPORT' },
    });
  }
  const socket = host?.startsWith('/');
  const user = env.PGUSER ? `${encodeURIComponent(env.PGUSER)}@` : '';
  const path = `/${encodeURIComponent(database ?? env.PGUSER ?? '')}`;
  if (socket) {
    // A URL has no place for a path as host; libpq and node-postgres take it (and the port) as parameters.
    const params = new URLSearchParams({ host: host!, ...(port ? { port } : {}) });
    return `postgres://${user}${path}?${params}`;
  }
  try {
    return new URL(`postgres://${user}${host ?? 'localhost'}${port ? `:${port}` : ''}${path}`).href;
  } catch {
    throw new CatdbError('USAGE_INVALID_URL', 'PGHOST is not a host name, address or socket folder', {
      hint: 'Set PGHOST to the server host (e.g. db.example.com or 127.0.0.1), unset it, or pass --to postgres://user@host:port/database.',
      details: { problem: 'PGHOST', variable: 'PGHOST' },
    });
  }
}
