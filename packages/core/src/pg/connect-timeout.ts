/**
 * libpq's `connect_timeout` for a URL, in milliseconds: the URL's `?connect_timeout=` first, else
 * PGCONNECT_TIMEOUT, as libpq reads them. Seconds, a whole number; zero, negative or absent means
 * no limit (undefined); 1 counts as 2, libpq's minimum. A value that is not a number is ignored,
 * as libpq does with PGCONNECT_TIMEOUT. Pure apart from reading `env`.
 */
export function connectTimeoutMs(url: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  let fromUrl: string | null = null;
  try {
    fromUrl = new URL(url).searchParams.get('connect_timeout');
  } catch {
    // Not a URL: the connection itself will say so.
  }
  const text = (fromUrl ?? env.PGCONNECT_TIMEOUT ?? '').trim();
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const seconds = Number(text);
  if (seconds <= 0) return undefined;
  return Math.max(seconds, 2) * 1000;
}
