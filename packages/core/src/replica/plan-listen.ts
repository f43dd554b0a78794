import { CatdbError } from '../errors.js';

// listen_addresses is a comma-separated list of host names and IP addresses, or `*`.
const ADDRESS = /^(\*|[A-Za-z0-9_.:%-]+)$/;

/**
 * Checks a `listen_addresses` value for a standby and picks the address catdb itself
 * connects to: loopback when the list covers it (`*`, `0.0.0.0`, `127.0.0.1`, `localhost`,
 * `::`, `::1`), else the first address, bracketed when it is IPv6. Pure.
 * Errors: USAGE_INVALID_OPTION for an empty list or a character PostgreSQL would not take.
 */
export function planListen(listen: string): { listenAddresses: string; connectHost: string } {
  const parts = listen.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => !ADDRESS.test(p))) {
    throw new CatdbError('USAGE_INVALID_OPTION', `--listen: "${listen}" is not a list of addresses`, {
      hint: 'Give listen_addresses as PostgreSQL takes it: 127.0.0.1, a host name, an IP address, several separated by commas, or * for all.',
      details: { listen },
    });
  }
  const listenAddresses = parts.join(',');
  if (parts.some((p) => ['*', '0.0.0.0', '127.0.0.1', 'localhost'].includes(p))) return { listenAddresses, connectHost: '127.0.0.1' };
  if (parts.some((p) => p === '::' || p === '::1')) return { listenAddresses, connectHost: '[::1]' };
  const first = parts[0]!;
  return { listenAddresses, connectHost: first.includes(':') ? `[${first}]` : first };
}
