import { resolve } from 'node:path';
import { CatdbError } from '../errors.js';
import { checkPgbouncer } from '../pgbouncer/check-pgbouncer.js';
import { runningPgbouncerPid } from '../pgbouncer/pgbouncer-process.js';
import { summarizeCheck } from '../pgbouncer/render-check-report.js';
import type { AdminRow } from '../pgbouncer/admin-console.js';
import type { CheckStatus } from '../pgbouncer/map-check-findings.js';
import { checkReplicaLag } from '../replica/check-replica-lag.js';
import { isServerRunning } from '../replica/standby-files.js';
import type { LagReport } from '../replica/types.js';
import { sandboxPooledUrl, type SandboxPgbouncer } from './sandbox-pgbouncer.js';
import { readSandboxState, type SandboxState } from '../topology/sandbox-state.js';

/** The sandbox's PgBouncer as `catdb pgbouncer check` sees it. */
export interface SandboxPgbouncerStatus {
  port: number;
  /** Pooled URL of the primary, naming the passfile (never a password). */
  url: string;
  running: boolean;
  /** The check's verdict and its one-line summary, when PgBouncer runs and could be checked. */
  status?: CheckStatus;
  summary?: string;
  /** SHOW POOLS, without the admin console's own pool. */
  pools?: AdminRow[];
  error?: string;
}

/** What sandboxStatus reports: the sandbox's servers, which run, their replication lag, and its PgBouncer. */
export interface SandboxStatus {
  state: SandboxState;
  /** Per member name (`state.primary.name` is the primary's, `primary` until a failover) and `pgbouncer` when the sandbox has one: is it running. */
  running: Record<string, boolean>;
  /** Replication as catdb replica lag sees it; undefined when the primary is down. */
  replication: LagReport | undefined;
  pgbouncer?: SandboxPgbouncerStatus;
  error?: string;
}

async function pgbouncerStatus(p: SandboxPgbouncer, state: SandboxState, timeoutMs: number | undefined, signal: AbortSignal | undefined): Promise<SandboxPgbouncerStatus> {
  // Built from the primary's URL, so sandboxes recorded before the URL named its passfile work too.
  const url = sandboxPooledUrl(state, p.port);
  const out: SandboxPgbouncerStatus = { port: p.port, url, running: runningPgbouncerPid(p.dir) !== undefined };
  if (!out.running) return out;
  try {
    const check = await checkPgbouncer({ dir: p.dir, databaseUrl: url, ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(signal ? { signal } : {}) });
    out.status = check.status;
    out.summary = summarizeCheck(check);
    out.pools = check.pools.filter((row) => row.database !== 'pgbouncer');
  } catch (err) {
    out.error = (err as Error).message;
  }
  return out;
}

/**
 * What runs in the sandbox under `dir`, how its replicas stream and, when it has one, how
 * its PgBouncer and pools are; every check within `timeoutMs` (default 10 s). Read-only.
 * Errors: SANDBOX_NOT_FOUND when there is no sandbox.
 */
export async function sandboxStatus(options: { dir: string; timeoutMs?: number; signal?: AbortSignal }): Promise<SandboxStatus> {
  const dir = resolve(options.dir);
  const state = readSandboxState(dir);
  if (!state) throw new CatdbError('SANDBOX_NOT_FOUND', `No sandbox in ${dir}`, { hint: 'Run catdb sandbox up first, or pass the --dir it was given.', details: { dir } });
  // By member name: after a failover the primary is the member that was promoted.
  const running: Record<string, boolean> = { [state.primary.name]: isServerRunning(state.primary.dataDir) };
  for (const r of state.replicas) running[r.name] = isServerRunning(r.dataDir);
  let replication: LagReport | undefined;
  let error: string | undefined;
  const limits = { ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const lag = running[state.primary.name]
    ? checkReplicaLag({ primaryUrl: state.primary.url, replicaUrls: state.replicas.filter((r) => running[r.name]).map((r) => r.url), ...limits }).then(
        (report) => void (replication = report),
        (err: Error) => void (error = err.message),
      )
    : undefined;
  const recorded = state.services.pgbouncer as SandboxPgbouncer | undefined;
  const [pgbouncer] = await Promise.all([recorded ? pgbouncerStatus(recorded, state, options.timeoutMs, options.signal) : undefined, lag]);
  if (pgbouncer) running.pgbouncer = pgbouncer.running;
  return { state, running, replication, ...(pgbouncer ? { pgbouncer } : {}), ...(error ? { error } : {}) };
}
