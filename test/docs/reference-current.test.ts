import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocs, ROOT, undescribedErrorCodes } from '../../scripts/docs/generate-docs.js';

// The generated pages of docs/ must be what the code generates today.

const generated = generateDocs();

describe('generated docs are current', () => {
  it.each([...generated.keys()])('docs/%s matches the code (else run `pnpm docs`)', (name) => {
    const path = join(ROOT, 'docs', name);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '(missing)';
    // Not toBe(): a diff of a 400-line page helps nobody; the command to run does.
    if (current !== generated.get(name)) expect.fail(`docs/${name} is out of date: run \`pnpm docs\` and commit the result`);
  });

  it('describes every error code', () => {
    expect(undescribedErrorCodes(), 'add a meaning in scripts/docs/error-meanings.ts (or a doc comment in errors.ts), then `pnpm docs`').toEqual([]);
  });

  it('documents every command, option and error code it claims to', () => {
    const reference = generated.get('reference.md')!;
    for (const heading of ['## catdb migrate sqlite-to-pg', '## catdb replica lag', '## catdb pgbouncer check', '## catdb completion']) expect(reference).toContain(heading);
    expect(reference).toContain('`--cast <rule>`');
    const errors = generated.get('errors.md')!;
    const source = readFileSync(join(ROOT, 'packages/core/src/errors.ts'), 'utf8');
    const codes = [...source.matchAll(/\|\s*'([A-Z_]+)'/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) expect(errors).toContain(`| \`${code}\` |`);
    expect(generated.get('cast-rules.md')).toContain('| `DATETIME`, `TIMESTAMP`, `TIMESTAMPTZ`, `TIMESTAMP WITH TIME ZONE` | `timestamptz` |');
  });

  it('docs/README.md links every page in docs/', () => {
    const index = readFileSync(join(ROOT, 'docs/README.md'), 'utf8');
    for (const page of readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md') && f !== 'README.md')) expect(index, page).toContain(`(${page})`);
  });
});
