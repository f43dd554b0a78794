import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPORA_DIR = resolve(import.meta.dirname, '../../fixtures/corpora');

/** The four databases that must fail by default, each for its own documented reason. */
export const DELIBERATE_FAILURES: Record<string, string> = {
  'pgloader__sqlite.db': 'MAP_MIXED_TYPES',
  'pgloader__bad-utf8.db': 'COPY_VALUE_REJECTED',
  'pgloader__collision.db': 'MAP_IDENTIFIER_COLLISION',
  'pgloader__type-mismatch.db': 'MAP_MIXED_TYPES',
};

export function corpusFiles(): string[] {
  const files = readdirSync(CORPORA_DIR).filter((f) => !f.endsWith('.md')).sort();
  if (files.length < 21) throw new Error(`expected the 21 corpus databases in ${CORPORA_DIR}, found ${files.length}`);
  return files.map((f) => join(CORPORA_DIR, f));
}
