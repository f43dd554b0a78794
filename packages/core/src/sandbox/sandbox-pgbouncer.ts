import { join } from 'node:path';
import { initPgbouncer } from '../pgbouncer/init-pgbouncer.js';
import { stopPgbouncer } from '../pgbouncer/stop-pgbouncer.js';
import type { PgbouncerEventHandler } from '../pgbouncer/types.js';
import { findFreePort } from '../os/free-port.js';
import type { SandboxState } from '../topology/sandbox-state.js';

/** What `services.pgbouncer` of sandbox.json records (no secret). */
export interface SandboxPgbouncer {
  dir: string;
  port: number;
  /** Pooled URL of the primary, naming the primary's passfile; `<db>_ro` aliases reach the replicas. */
  url: string;
}

/**
 * The pooled URL for PgBouncer on `port`: the primary's URL, passfile and all, on the pooler's
 * port. The sandbox passfile matches any port on 127.0.0.1, so psql and catdb both find the
 * password without it ever being written out. Pure.
 */
export function sandboxPooledUrl(state: SandboxState, port: number): string {
  const url = new URL(state.primary.url);
  url.port = String(port);
  return url.toString();
}

/**
 * Puts a PgBouncer in front of the sandbox's primary and replicas (read-only `_ro`
 * aliases), through the same initPgbouncer as `catdb pgbouncer init --start`; reloads
 * it when it already runs from the sandbox folder.
 */
export async function startSandboxPgbouncer(state: SandboxState, options: { signal?: AbortSignal; onEvent?: PgbouncerEventHandler } = {}): Promise<SandboxPgbouncer> {
  const previous = state.services.pgbouncer as SandboxPgbouncer | undefined;
  const dir = join(state.dir, 'pgbouncer');
  const port = previous?.port ?? (await findFreePort());
  const result = await initPgbouncer({
    databaseUrl: state.primary.url,
    dir,
    listen: { host: '127.0.0.1', port },
    replicaUrls: state.replicas.map((r) => r.url),
    start: true,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  return { dir: result.dir, port: result.listen.port, url: sandboxPooledUrl(state, result.listen.port) };
}

/** Stops the sandbox's PgBouncer if it has one. */
export async function stopSandboxPgbouncer(state: SandboxState): Promise<boolean> {
  const pgbouncer = state.services.pgbouncer as SandboxPgbouncer | undefined;
  if (!pgbouncer) return false;
  return (await stopPgbouncer({ dir: pgbouncer.dir })).stopped;
}
