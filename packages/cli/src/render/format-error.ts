import { CatdbError } from '@catdb/core';
import { terminalSafe } from './terminal-safe.js';

/** A human message for stderr: what failed, the object, and what to do next. */
export function formatError(err: unknown): string {
  if (err instanceof CatdbError) {
    // Messages name tables and columns of the SQLite file: untrusted text.
    const lines = [`error ${err.code}: ${terminalSafe(err.message)}`];
    if (err.hint) lines.push(`  hint: ${terminalSafe(err.hint)}`);
    return lines.join('\n');
  }
  if (err instanceof Error) return `error: ${terminalSafe(err.message)}`;
  return `error: ${terminalSafe(String(err))}`;
}

/** The same error as one NDJSON event. */
export function errorEvent(err: unknown): Record<string, unknown> {
  if (err instanceof CatdbError) return { type: 'error', ...err.toJSON() };
  return { type: 'error', code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
