import { renderNagiosStatus } from '@catdb/core/monitoring';
import { PGBOUNCER_SERVICE } from '@catdb/core/pgbouncer';
import { LAG_SERVICE } from '@catdb/core/replica';

/**
 * Commands that are Nagios plugins when given `--nagios`, by command path as typed after
 * `catdb`, with the service name their status line starts with.
 */
export const NAGIOS_SERVICES: Readonly<Record<string, string>> = { 'replica lag': LAG_SERVICE, 'pgbouncer check': PGBOUNCER_SERVICE };

/**
 * The status line for a check that could not run (bad arguments, nothing answered in time):
 * UNKNOWN, as the plugin guidelines want, so Nagios shows why instead of "(No output returned
 * from plugin)".
 */
export function nagiosUnknownLine(service: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // commander starts its own messages with "error: ".
  return renderNagiosStatus(service, 'UNKNOWN', message.replace(/^error: /, ''));
}
