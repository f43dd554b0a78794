/**
 * How long catdb waits for a connection when neither the URL nor PGCONNECT_TIMEOUT says: libpq
 * would wait forever on a host that accepts and never answers; catdb gives every network call a
 * deadline. `connect_timeout=0` still asks for no limit.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/**
 * libpq's `connect_timeout` for a URL, in milliseconds: the URL's `?connect_timeout=` first, else
 * PGCONNECT_TIMEOUT, as libpq reads them. Seconds, a whole number; zero or negative means no limit
 * (undefined); 1 counts as 2, libpq's minimum. Absent, or not a whole number (ignored, as libpq
 * does with PGCONNECT_TIMEOUT), is DEFAULT_CONNECT_TIMEOUT_MS. Pure apart from reading `env`.
 */
export function connectTimeoutMs(url: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  let fromUrl: string | null = null;
  try {
    fromUrl = new URL(url).searchParams.get('connect_timeout');
  } catch {
    // Not a URL: the connection itself will say so.
  }
  const text = (fromUrl ?? env.PGCONNECT_TIMEOUT ?? '').trim();
  if (!/^[+-]?\d+$/.test(text)) return DEFAULT_CONNECT_TIMEOUT_MS;
  const seconds = Number(text);
  if (seconds <= 0) return undefined;
  return Math.max(seconds, 2) * 1000;
}
