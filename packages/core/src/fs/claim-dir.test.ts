import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimDir } from './claim-dir.js';
import { OWNER_MARK_FILE, readOwnerMark } from './owner-mark.js';

const base = mkdtempSync(join(tmpdir(), 'catdb-claim-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const modeOf = (p: string): number => statSync(p).mode & 0o777;

describe('claimDir', () => {
  it('creates the folder and each missing parent, and marks every one as created by catdb', () => {
    const dir = join(base, 'a', 'b', 'c');
    const claimed = claimDir(dir, { createdBy: 'test', mode: 0o700 });
    expect(claimed.created).toBe(join(base, 'a'));
    for (const p of [join(base, 'a'), join(base, 'a', 'b'), dir]) expect(readOwnerMark(p)).toMatchObject({ version: 1, createdBy: 'test', adopted: false });
    expect(readOwnerMark(base)).toBeUndefined();
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(base, 'a', 'b'))).toBe(0o755);
    expect(modeOf(join(dir, OWNER_MARK_FILE))).toBe(0o600);
  });

  it('finds its own mark again and creates nothing', () => {
    const dir = join(base, 'again');
    claimDir(dir, { createdBy: 'first' });
    const second = claimDir(dir, { createdBy: 'second' });
    expect(second.created).toBeUndefined();
    expect(second.mark.createdBy).toBe('first');
  });

  it('adopts an empty folder it did not create, without changing its mode', () => {
    const dir = join(base, 'empty');
    mkdirSync(dir, { mode: 0o750 });
    chmodSync(dir, 0o750);
    const claimed = claimDir(dir, { createdBy: 'test' });
    expect(claimed).toMatchObject({ created: undefined, mark: { adopted: true } });
    expect(modeOf(dir)).toBe(0o750);
  });

  it('refuses a non-empty folder it did not create, names it, and leaves it exactly as it was', () => {
    const dir = join(base, 'foreign');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'notes.txt'), 'mine', { mode: 0o640 });
    let err: unknown;
    try {
      claimDir(dir, { createdBy: 'test', settle: { mode: 0o700, osUser: undefined } });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'FS_NOT_OWNED', message: expect.stringContaining(dir), details: { path: dir, entries: ['notes.txt'] } });
    expect(existsSync(join(dir, OWNER_MARK_FILE))).toBe(false);
    expect(modeOf(dir)).toBe(0o755);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('takes over a non-empty folder only with force, as adopted', () => {
    const dir = join(base, 'forced');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x'), '1');
    expect(claimDir(dir, { createdBy: 'test', force: true }).mark.adopted).toBe(true);
  });

  it('refuses to adopt an empty folder whose mode the server cannot use, before writing its mark', () => {
    const dir = join(base, 'wide');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    expect(() => claimDir(dir, { createdBy: 'test', settle: { mode: 0o700, osUser: undefined } })).toThrow(expect.objectContaining({ code: 'FS_NOT_OWNED', hint: expect.stringContaining(`chmod 700 ${dir}`) }));
    expect(existsSync(join(dir, OWNER_MARK_FILE))).toBe(false);
    expect(modeOf(dir)).toBe(0o755);
  });

  it('recognises a folder of an earlier catdb by its legacy predicate and marks it as created', () => {
    const dir = join(base, 'legacy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'state.json'), '{}');
    const claimed = claimDir(dir, { createdBy: 'test', legacy: (p) => existsSync(join(p, 'state.json')) });
    expect(claimed.mark).toMatchObject({ adopted: false, createdBy: expect.stringContaining('earlier catdb') });
  });

  it('does not take a symlink named like the mark for a mark', () => {
    const dir = join(base, 'fake-mark');
    mkdirSync(dir);
    writeFileSync(join(base, 'elsewhere.json'), JSON.stringify({ version: 1, createdBy: 'x', createdAt: '', adopted: false }));
    symlinkSync(join(base, 'elsewhere.json'), join(dir, OWNER_MARK_FILE));
    expect(readOwnerMark(dir)).toBeUndefined();
    expect(() => claimDir(dir, { createdBy: 'test' })).toThrow(expect.objectContaining({ code: 'FS_NOT_OWNED' }));
  });

  it('refuses a path that is a file', () => {
    const file = join(base, 'plain-file');
    writeFileSync(file, 'x');
    expect(() => claimDir(file, { createdBy: 'test' })).toThrow(expect.objectContaining({ code: 'FS_NOT_OWNED', details: { path: file } }));
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});
