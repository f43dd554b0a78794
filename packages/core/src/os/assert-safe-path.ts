import { CatdbError } from '../errors.js';

// Characters a shell expands or a config file parser ends a value at: never written out.
const UNSAFE = /[\u0000-\u001f\u007f$`"\\]/;
const NAMES: Record<string, string> = { $: 'a $', '`': 'a backtick', '"': 'a double quote', '\\': 'a backslash' };

/**
 * Refuses a path that catdb would write into a file another program parses (pgbouncer.ini,
 * primary_conninfo in postgresql.auto.conf) when it holds `$`, a backtick, `"`, `\` or a
 * control character such as a newline. Quoting rules differ between those parsers (PgBouncer
 * reads values unquoted, so a newline would start a setting of its own), and such a path is
 * one copy-paste away from a shell; refusing it is simpler than getting every escape right.
 * Returns `path`. Errors: USAGE_INVALID_PATH naming the path.
 */
export function assertSafePath(path: string, what: string): string {
  const bad = UNSAFE.exec(path)?.[0];
  if (bad === undefined) return path;
  const shown = NAMES[bad] ?? `the control character U+${bad.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
  throw new CatdbError('USAGE_INVALID_PATH', `The ${what} ${JSON.stringify(path)} contains ${shown}, which catdb does not write into configuration files`, {
    hint: 'Choose a path without $, `, ", \\ or control characters (newline, tab).',
    details: { path },
  });
}
