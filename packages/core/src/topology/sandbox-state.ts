import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatdbError } from '../errors.js';

/** One server of the sandbox. URLs name their passfile (`?passfile=`): paths, never passwords. */
export interface SandboxServer {
  name: string;
  dir: string;
  dataDir: string;
  port: number;
  url: string;
}

/** A standby of a sandbox, as recorded in its `sandbox.json`. */
export interface SandboxReplica extends SandboxServer {
  slot: string;
  /** A former primary after `replica promote`: not a standby until `replica rejoin` makes it one. */
  needsRejoin?: boolean;
}

/**
 * `<dir>/sandbox.json`: what `catdb sandbox up` created. Holds no secret. `services` is
 * for components added later (e.g. `services.pgbouncer`); writers keep keys they do not know.
 */
export interface SandboxState {
  version: 1;
  createdAt: string;
  updatedAt: string;
  dir: string;
  primary: SandboxServer;
  replicationUser: string;
  /** Path of the 0600 file with the replication password. */
  passwordFile: string;
  replicas: SandboxReplica[];
  services: Record<string, unknown>;
  [extension: string]: unknown;
}

/** `<dir>/sandbox.json`, the sandbox's state file (pure path arithmetic, touches nothing). */
export function sandboxStatePath(dir: string): string {
  return join(dir, 'sandbox.json');
}

/**
 * True for a sandbox folder made by a catdb from before `.catdb-owned` marks: its sandbox.json
 * names this very folder (a state file copied elsewhere does not vouch for its new place).
 */
export function isLegacySandboxDir(dir: string): boolean {
  try {
    return readSandboxState(dir)?.dir === dir;
  } catch {
    return false;
  }
}

/** The state file, or undefined when `dir` holds no sandbox. Errors: SANDBOX_START_FAILED on a broken file. */
export function readSandboxState(dir: string): SandboxState | undefined {
  const file = sandboxStatePath(dir);
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
    if (state.version !== 1) throw new Error(`unknown version ${String(state.version)}`);
    return state;
  } catch (err) {
    throw new CatdbError('SANDBOX_START_FAILED', `${file} cannot be read: ${(err as Error).message}`, { hint: `Remove ${dir} to start afresh.`, cause: err, details: { file } });
  }
}

/** Writes the state atomically, merging over what is on disk so other writers' keys survive. */
export function writeSandboxState(dir: string, state: SandboxState): void {
  const file = sandboxStatePath(dir);
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const merged = { ...current, ...state, services: { ...(current.services as Record<string, unknown> | undefined), ...state.services }, updatedAt: new Date().toISOString() };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(merged, null, 2) + '\n', { mode: 0o644 });
  renameSync(tmp, file);
}
