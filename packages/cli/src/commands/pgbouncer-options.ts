import { CatdbError } from '@catdb/core';

/** A whole number from a flag or env var; commander hands over strings. */
export function parseCount(name: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new CatdbError('USAGE_INVALID_OPTION', `${name} must be a whole number (got "${value}")`);
    }
    return n;
  };
}

/** `host:port`, `[v6]:port`, `:port` or `port`; host defaults to 127.0.0.1 (never all interfaces unless asked). */
export function parseListen(value: string, fallbackPort = 6432): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*))?(?::(\d+))?$/.exec(value.trim());
  const bare = /^\d+$/.test(value.trim());
  if (!m || (!bare && !m[1] && !m[2] && !m[3])) {
    throw new CatdbError('USAGE_INVALID_OPTION', `--listen expects host:port (got "${value}")`);
  }
  const host = bare ? '127.0.0.1' : m[1] ?? (m[2] || '127.0.0.1');
  const port = Number(bare ? value.trim() : m[3] ?? fallbackPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CatdbError('USAGE_INVALID_OPTION', `Bad listen port in "${value}"`);
  return { host, port };
}
