import { dirname, resolve } from 'node:path';
import { defaultSlotName } from './init-replica.js';
import { readSandboxState, writeSandboxState, type SandboxReplica, type SandboxState } from '../topology/sandbox-state.js';

/**
 * The sandbox whose sandbox.json names `dataDir` as its primary's or a replica's data directory
 * (members live in `<sandbox>/<name>/data`), or undefined: a server outside any sandbox, or a
 * state file that cannot be read, is none of this module's business.
 */
export function findSandboxOf(dataDir: string): SandboxState | undefined {
  const path = resolve(dataDir);
  const dir = dirname(dirname(path));
  let state: SandboxState | undefined;
  try {
    state = readSandboxState(dir);
  } catch {
    return undefined;
  }
  if (!state || state.dir !== dir) return undefined;
  return state.primary.dataDir === path || state.replicas.some((r) => r.dataDir === path) ? state : undefined;
}

/**
 * After `replica promote` of a sandbox member: it becomes the sandbox's primary, and the old
 * primary becomes a replica marked `needsRejoin` (it is not a standby until `replica rejoin`
 * makes it one; its slot is the one rejoin would create). Returns the sandbox folder, or
 * undefined when `dataDir` is not a sandbox replica. Touches only sandbox.json.
 */
export function recordPromotion(dataDir: string): string | undefined {
  const path = resolve(dataDir);
  const state = findSandboxOf(path);
  const promoted = state?.replicas.find((r) => r.dataDir === path);
  if (!state || !promoted) return undefined;
  const { slot: _slot, needsRejoin: _rejoin, ...server } = promoted;
  const old: SandboxReplica = { ...state.primary, slot: defaultSlotName(state.primary.dataDir), needsRejoin: true };
  writeSandboxState(state.dir, { ...state, primary: server, replicas: [...state.replicas.filter((r) => r !== promoted), old] });
  return state.dir;
}

/**
 * After `replica rejoin` (or `follow`) of a sandbox member: it is a standby again, streaming
 * from `slot`, reachable at `url`. Returns the sandbox folder, or undefined when `dataDir` is
 * not a sandbox replica. Touches only sandbox.json.
 */
export function recordStandby(dataDir: string, slot: string, url: string): string | undefined {
  const path = resolve(dataDir);
  const state = findSandboxOf(path);
  const member = state?.replicas.find((r) => r.dataDir === path);
  if (!state || !member) return undefined;
  const { needsRejoin: _rejoin, ...rest } = member;
  const replicas = state.replicas.map((r) => (r === member ? { ...rest, slot, url } : r));
  writeSandboxState(state.dir, { ...state, replicas });
  return state.dir;
}
