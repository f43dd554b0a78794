import { resolveTarget } from '@catdb/core/local';

/**
 * The primary of a read-only replica command: `--primary`, else DATABASE_URL, else the PG*
 * variables, else catdb's local server when it already runs (never started). Errors:
 * USAGE_NO_TARGET naming --primary, USAGE_INVALID_URL.
 */
export async function resolvePrimary(primary: string | undefined, signal: AbortSignal): Promise<string> {
  const target = await resolveTarget({ to: primary, localDatabase: 'postgres', local: 'if-running', option: '--primary', signal });
  if (target.local) process.stderr.write(`Using catdb's local PostgreSQL on 127.0.0.1:${target.local.port} as the primary.\n`);
  return target.url;
}
