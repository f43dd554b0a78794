import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Tests use the package as its users do ('@catdb/core' and its subpaths); the internals some of
// them stand on come through test/support/core-internals.ts alone, so that moving a module
// inside the core changes one file under test/, not dozens.

const TEST_DIR = import.meta.dirname;
const GATEWAY = 'support/core-internals.ts';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Module specifiers a file imports or re-exports (static and dynamic). */
function specifiers(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('imports under test/', () => {
  it('reach core internals only through test/support/core-internals.ts', () => {
    const offenders = tsFiles(TEST_DIR)
      .filter((file) => relative(TEST_DIR, file) !== GATEWAY)
      .flatMap((file) => specifiers(readFileSync(file, 'utf8')).filter((s) => /packages\/core\/src\//.test(s)).map((s) => `${relative(TEST_DIR, file)}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('finds an import of core internals where there is one', () => {
    const gateway = specifiers(readFileSync(join(TEST_DIR, GATEWAY), 'utf8'));
    expect(gateway.some((s) => s.startsWith('../../packages/core/src/'))).toBe(true);
  });
});
