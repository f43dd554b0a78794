import { join } from 'node:path';
import { initPgbouncer } from '../pgbouncer/init-pgbouncer.js';
import { stopPgbouncer } from '../pgbouncer/stop-pgbouncer.js';
import type { PgbouncerEventHandler } from '../pgbouncer/types.js';
import { findFreePort } from './free-port.js';
import type { SandboxState } from './sandbox-state.js';

/** What `services.pgbouncer` of sandbox.json records (no secret). */
export interface SandboxPgbouncer {
  dir: string;
  port: number;
  /** Pooled URL of the primary; `<db>_ro` aliases reach the replicas. */
  url: string;
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
  const database = new URL(state.primary.url).pathname.slice(1) || 'postgres';
  return { dir: result.dir, port: result.listen.port, url: `postgres://${result.pooledUser}@127.0.0.1:${result.listen.port}/${database}` };
}

/** Stops the sandbox's PgBouncer if it has one. */
export async function stopSandboxPgbouncer(state: SandboxState): Promise<boolean> {
  const pgbouncer = state.services.pgbouncer as SandboxPgbouncer | undefined;
  if (!pgbouncer) return false;
  return (await stopPgbouncer({ dir: pgbouncer.dir })).stopped;
}
