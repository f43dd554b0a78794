import { resolve } from 'node:path';
import { CatdbError } from '../errors.js';
import { checkReplicaLag } from '../replica/check-replica-lag.js';
import { isServerRunning } from '../replica/standby-files.js';
import type { LagReport } from '../replica/types.js';
import { readSandboxState, type SandboxState } from './sandbox-state.js';

export interface SandboxStatus {
  state: SandboxState;
  running: Record<string, boolean>;
  /** Replication as catdb replica lag sees it; undefined when the primary is down. */
  replication: LagReport | undefined;
  error?: string;
}

/** What runs in the sandbox under `dir` and how its replicas stream. Read-only. Errors: SANDBOX_START_FAILED when there is no sandbox. */
export async function sandboxStatus(options: { dir: string; signal?: AbortSignal }): Promise<SandboxStatus> {
  const dir = resolve(options.dir);
  const state = readSandboxState(dir);
  if (!state) throw new CatdbError('SANDBOX_START_FAILED', `No sandbox in ${dir}`, { hint: 'Run catdb sandbox up first.', details: { dir } });
  const running: Record<string, boolean> = { primary: isServerRunning(state.primary.dataDir) };
  for (const r of state.replicas) running[r.name] = isServerRunning(r.dataDir);
  let replication: LagReport | undefined;
  let error: string | undefined;
  if (running.primary) {
    try {
      replication = await checkReplicaLag({ primaryUrl: state.primary.url, replicaUrls: state.replicas.filter((r) => running[r.name]).map((r) => r.url), ...(options.signal ? { signal: options.signal } : {}) });
    } catch (err) {
      error = (err as Error).message;
    }
  }
  return { state, running, replication, ...(error ? { error } : {}) };
}
