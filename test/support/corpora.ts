import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPORA_DIR = resolve(import.meta.dirname, '../../fixtures/corpora');

/**
 * The databases that must fail by default, each for its own documented reason. Mixed
 * storage classes (pgloader__sqlite.db, pgloader__type-mismatch.db) migrate by default and
 * fail only with --strict-types (see test/fidelity/bad-input-corpora.test.ts).
 */
export const DELIBERATE_FAILURES: Record<string, string> = {
  'pgloader__bad-utf8.db': 'COPY_VALUE_REJECTED',
  'pgloader__collision.db': 'MAP_IDENTIFIER_COLLISION',
};

export function corpusFiles(): string[] {
  const files = readdirSync(CORPORA_DIR).filter((f) => !f.endsWith('.md')).sort();
  if (files.length < 21) throw new Error(`expected the 21 corpus databases in ${CORPORA_DIR}, found ${files.length}`);
  return files.map((f) => join(CORPORA_DIR, f));
}
