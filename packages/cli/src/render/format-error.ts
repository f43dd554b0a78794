import { CatdbError } from '@catdb/core';

/** A human message for stderr: what failed, the object, and what to do next. */
export function formatError(err: unknown): string {
  if (err instanceof CatdbError) {
    const lines = [`error ${err.code}: ${err.message}`];
    if (err.hint) lines.push(`  hint: ${err.hint}`);
    return lines.join('\n');
  }
  if (err instanceof Error) return `error: ${err.message}`;
  return `error: ${String(err)}`;
}

/** The same error as one NDJSON event. */
export function errorEvent(err: unknown): Record<string, unknown> {
  if (err instanceof CatdbError) return { type: 'error', ...err.toJSON() };
  return { type: 'error', code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
