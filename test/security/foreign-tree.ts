import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';
import type { CliResult } from '../support/run-cli.js';

/** The owner a foreign folder gets when the tests run as root: `nobody`, a user catdb never runs as. */
export const FOREIGN_OWNER = { uid: 65534, gid: 65534 };

/**
 * A folder someone else made: `files` (relative path → content) under `dir`, every folder
 * `mode`, every file 0640, owned by `owner` (nobody by default) when the tests run as root.
 */
export function makeForeignTree(dir: string, files: Record<string, string>, options: { mode?: number; owner?: { uid: number; gid: number } } = {}): string {
  const mode = options.mode ?? 0o750;
  const owner = options.owner ?? FOREIGN_OWNER;
  const asRoot = process.getuid?.() === 0;
  const made = new Set<string>();
  const mkdir = (p: string): void => {
    if (made.has(p)) return;
    mkdirSync(p, { recursive: true });
    chmodSync(p, mode);
    if (asRoot) chownSync(p, owner.uid, owner.gid);
    made.add(p);
  };
  mkdir(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    for (let p = dirname(path); p.startsWith(dir) && p !== dir; p = dirname(p)) mkdir(p);
    writeFileSync(path, content);
    chmodSync(path, 0o640);
    if (asRoot) chownSync(path, owner.uid, owner.gid);
  }
  return dir;
}

/** Every entry under `dir` (and `dir` itself) with its type, mode, owner and, for files, content. */
export function snapshotTree(dir: string): Record<string, { type: string; mode: number; uid: number; gid: number; content?: string }> {
  const out: Record<string, { type: string; mode: number; uid: number; gid: number; content?: string }> = {};
  const walk = (p: string): void => {
    const st = lstatSync(p);
    const type = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    out[relative(dir, p) || '.'] = { type, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, ...(type === 'file' ? { content: readFileSync(p, 'utf8') } : {}) };
    if (type === 'dir') for (const name of readdirSync(p).sort()) walk(join(p, name));
  };
  walk(dir);
  return out;
}

/** The CLI failed with FS_NOT_OWNED, and both the message and details name `path`. */
export function expectRefused(run: CliResult, path: string): void {
  expect(run.code, run.stderr + run.stdout).toBe(1);
  const error = run.events.find((e) => e.type === 'error');
  expect(error, run.stdout + run.stderr).toMatchObject({ code: 'FS_NOT_OWNED', message: expect.stringContaining(path), details: { path } });
}
