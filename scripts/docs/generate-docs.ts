import { join } from 'node:path';
import { CatdbError, type CatdbErrorCode } from '@catdb/core';
import { buildProgram } from '../../packages/cli/src/program.js';
import { commandTree } from '../../packages/cli/src/render/command-tree.js';
import { exitCodeFor } from '../../packages/cli/src/render/exit-code.js';
import { AFFINITY_FALLBACK, DEFAULT_CAST_RULES } from '../../packages/core/src/mapping/cast-rules.js';
import { kindForPgType } from '../../packages/core/src/codec/codec-for.js';
import { ERROR_MEANINGS } from './error-meanings.js';
import { readErrorCodes } from './read-error-codes.js';
import { renderCastRules } from './render-cast-rules.js';
import { renderErrors } from './render-errors.js';
import { renderEvents } from './render-events.js';
import { renderManPage } from './render-man-page.js';
import { renderReference } from './render-reference.js';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '../..');

/**
 * Every generated page of docs/, by file name, rendered in memory from the code: the commander
 * tree (reference and man page), the cast table, the error codes and the event types. Writes nothing.
 */
export function generateDocs(root = ROOT): Map<string, string> {
  const codes = readErrorCodes(join(root, 'packages/core/src/errors.ts'));
  // The version is not part of any page, so the reference does not change on a release.
  const tree = commandTree(buildProgram('0.0.0'));
  return new Map([
    ['reference.md', renderReference(tree)],
    ['catdb.1', renderManPage(tree)],
    ['cast-rules.md', renderCastRules(DEFAULT_CAST_RULES, AFFINITY_FALLBACK, kindForPgType)],
    ['errors.md', renderErrors(codes, ERROR_MEANINGS, (code) => exitCodeFor(new CatdbError(code as CatdbErrorCode, '')))],
    ['events.md', renderEvents(root)],
  ]);
}

/** Codes in errors.ts that neither a doc comment there nor ERROR_MEANINGS describes. */
export function undescribedErrorCodes(root = ROOT): string[] {
  return readErrorCodes(join(root, 'packages/core/src/errors.ts'))
    .filter((c) => !c.doc && !ERROR_MEANINGS[c.code])
    .map((c) => c.code);
}
