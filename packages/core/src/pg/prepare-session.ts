import type pg from 'pg';

/**
 * Session settings every catdb connection runs with: canonical timestamps in UTC,
 * shortest-exact floats, UTF-8. Verification relies on them.
 */
export async function prepareSession(client: pg.Client, extra: Record<string, string> = {}): Promise<void> {
  const settings: Record<string, string> = { TimeZone: 'UTC', DateStyle: 'ISO, YMD', extra_float_digits: '1', client_encoding: 'UTF8', ...extra };
  for (const [name, value] of Object.entries(settings)) await client.query('SELECT set_config($1, $2, false)', [name, value]);
}
