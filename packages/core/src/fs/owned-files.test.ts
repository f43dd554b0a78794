import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupFile } from './backup-file.js';
import { claimDir } from './claim-dir.js';
import { removeOwnedDir } from './remove-owned-dir.js';
import { setOwnedDirMode } from './set-owned-dir-mode.js';
import { writeOwnedFile } from './write-owned-file.js';

const base = mkdtempSync(join(tmpdir(), 'catdb-owned-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const modeOf = (p: string): number => statSync(p).mode & 0o777;

function foreignDir(name: string, mode = 0o755): string {
  const dir = join(base, name);
  mkdirSync(dir);
  chmodSync(dir, mode);
  writeFileSync(join(dir, 'keep.txt'), 'theirs');
  return dir;
}

describe('removeOwnedDir', () => {
  it('deletes a folder catdb created', () => {
    const dir = claimDir(join(base, 'made'), { createdBy: 'test' }).dir;
    writeFileSync(join(dir, 'f'), 'x');
    expect(removeOwnedDir(dir)).toBe('removed');
    expect(existsSync(dir)).toBe(false);
  });

  it('empties a folder it adopted and keeps the folder itself', () => {
    const dir = join(base, 'adopted');
    mkdirSync(dir);
    claimDir(dir, { createdBy: 'test' });
    writeFileSync(join(dir, 'f'), 'x');
    expect(removeOwnedDir(dir)).toBe('emptied');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a folder without a mark and deletes nothing', () => {
    const dir = foreignDir('foreign-rm');
    expect(() => removeOwnedDir(dir)).toThrow(expect.objectContaining({ code: 'FS_NOT_OWNED', message: expect.stringContaining(dir) }));
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('theirs');
  });

  it('says absent for a folder that is not there', () => {
    expect(removeOwnedDir(join(base, 'never'))).toBe('absent');
  });
});

describe('setOwnedDirMode', () => {
  it('changes the mode of a folder catdb created', () => {
    const dir = claimDir(join(base, 'mode-made'), { createdBy: 'test', mode: 0o755 }).dir;
    setOwnedDirMode(dir, 0o700, undefined);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('leaves a foreign folder that already has the mode alone', () => {
    const dir = foreignDir('mode-right', 0o700);
    setOwnedDirMode(dir, 0o700, undefined);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('refuses to chmod a foreign folder and says how to fix it', () => {
    const dir = foreignDir('mode-wrong', 0o755);
    expect(() => setOwnedDirMode(dir, 0o700, undefined)).toThrow(expect.objectContaining({ code: 'FS_NOT_OWNED', message: expect.stringContaining('0755'), hint: expect.stringContaining(`chmod 700 ${dir}`) }));
    expect(modeOf(dir)).toBe(0o755);
  });
});

describe('writeOwnedFile', () => {
  it('replaces a file in a folder catdb owns, with the mode asked for', () => {
    const dir = claimDir(join(base, 'write-own'), { createdBy: 'test' }).dir;
    writeFileSync(join(dir, 'f'), 'old', { mode: 0o644 });
    writeOwnedFile(join(dir, 'f'), 'new', 0o600);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('new');
    expect(modeOf(join(dir, 'f'))).toBe(0o600);
  });

  it('writes a new file into a foreign folder but never over an existing one', () => {
    const dir = foreignDir('write-foreign');
    writeOwnedFile(join(dir, 'new.txt'), 'catdb', 0o600);
    expect(readFileSync(join(dir, 'new.txt'), 'utf8')).toBe('catdb');
    expect(() => writeOwnedFile(join(dir, 'keep.txt'), 'catdb', 0o600)).toThrow(expect.objectContaining({ code: 'FS_NOT_OWNED', details: { path: join(dir, 'keep.txt') } }));
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('theirs');
  });
});

describe('backupFile', () => {
  it('copies to .bak, then .bak.2, .bak.3, never over an earlier copy, keeping the mode', () => {
    const dir = foreignDir('backup');
    const file = join(dir, 'keep.txt');
    chmodSync(file, 0o640);
    expect(backupFile(file)).toBe(`${file}.bak`);
    writeFileSync(file, 'second');
    expect(backupFile(file)).toBe(`${file}.bak.2`);
    writeFileSync(file, 'third');
    expect(backupFile(file)).toBe(`${file}.bak.3`);
    expect([`${file}.bak`, `${file}.bak.2`, `${file}.bak.3`].map((p) => readFileSync(p, 'utf8'))).toEqual(['theirs', 'second', 'third']);
    expect(modeOf(`${file}.bak`)).toBe(0o640);
  });
});
