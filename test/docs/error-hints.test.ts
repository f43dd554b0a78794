import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_MEANINGS } from '../../scripts/docs/error-meanings.js';
import { ROOT } from '../../scripts/docs/generate-docs.js';

// Every "What to do" of docs/errors.md must give the reader something to act on: a flag, a
// command, an environment variable or a file. Hints are read from scripts/docs/error-meanings.ts,
// the one source the page is generated from; the page is checked to hold each of them.

const ACTIONABLE: Record<string, RegExp> = {
  flag: /(^|[\s`(])--[a-z][a-z-]+/,
  command: /`(catdb|createdb|psql|pg_isready|sqlite3|sqlcipher|apt-get|chmod|pg_ctl|pg_rewind|ALTER|SELECT|CREATE|GRANT)\b[^`]*`|\bcatdb [a-z]+/,
  'environment variable': /\b(PG[A-Z]+|DATABASE_URL|CATDB_[A-Z_]+|XDG_[A-Z_]+)\b/,
  file: /~\/\.pgpass|\b[\w.-]+\.(md|conf|ini|txt|json|log|password|db|sqlite)\b|`[^`\s]*\/[^`\s]*`/,
};

/** The codes docs/errors.md lists, in its order. */
function documentedCodes(): string[] {
  const page = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
  return [...page.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]!);
}

/** What a hint names, by kind; empty when it names nothing to act on. */
function namedThings(hint: string): string[] {
  return Object.entries(ACTIONABLE).filter(([, re]) => re.test(hint)).map(([kind]) => kind);
}

describe('error hints in docs/errors.md', () => {
  const codes = documentedCodes();

  it('lists every code', () => {
    expect(codes.length).toBeGreaterThan(50);
    expect(codes).toContain('PG_DATABASE_NOT_FOUND');
  });

  it.each(codes)('%s: the hint names a flag, a command, an environment variable or a file', (code) => {
    const hint = ERROR_MEANINGS[code]?.hint ?? '';
    expect(hint, `${code} has no hint in scripts/docs/error-meanings.ts`).not.toBe('');
    const page = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
    expect(page, 'docs/errors.md is generated from error-meanings.ts: run `pnpm docs`').toContain(hint.replaceAll('|', '\\|'));
    expect(namedThings(hint), `${code}: "${hint}" names nothing to act on`).not.toEqual([]);
  });

  it('the checker is not a rubber stamp', () => {
    expect(namedThings('Read the message.')).toEqual([]);
    expect(namedThings('See the PostgreSQL error above.')).toEqual([]);
    expect(namedThings('Export a decrypted copy first.')).toEqual([]);
    expect(namedThings('Pass `--to`.')).toEqual(['flag']);
    expect(namedThings('Run `catdb local start`.')).toContain('command');
    expect(namedThings('Set PGHOST.')).toEqual(['environment variable']);
    expect(namedThings('Read the log in server.log.')).toEqual(['file']);
  });
});
