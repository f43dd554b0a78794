import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every regular file under `dir` (following no symlinks). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** Files under `dirs` whose bytes contain `secret`. */
export function filesHolding(dirs: string[], secret: string): string[] {
  const needle = Buffer.from(secret);
  return dirs.flatMap(listFiles).filter((f) => {
    try {
      return readFileSync(f).includes(needle);
    } catch {
      return false;
    }
  });
}

export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}
