import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPORA_DIR = resolve(import.meta.dirname, '../../fixtures/corpora');

/**
 * Every corpus database migrates with default options, each value exact. These stop with
 * --strict-types, each for its own documented reason: a BLOB that is not UTF-8 in a TEXT
 * column (bytea by default), two column names equal in their first 63 bytes (numbered by
 * default), mixed storage classes (a type that carries them all by default).
 */
export const STRICT_FAILURES: Record<string, string> = {
  'pgloader__bad-utf8.db': 'MAP_MIXED_TYPES',
  'pgloader__collision.db': 'MAP_IDENTIFIER_COLLISION',
  'pgloader__sqlite.db': 'MAP_MIXED_TYPES',
  'pgloader__type-mismatch.db': 'MAP_MIXED_TYPES',
};

export function corpusFiles(): string[] {
  const files = readdirSync(CORPORA_DIR).filter((f) => !f.endsWith('.md')).sort();
  if (files.length < 21) throw new Error(`expected the 21 corpus databases in ${CORPORA_DIR}, found ${files.length}`);
  return files.map((f) => join(CORPORA_DIR, f));
}
