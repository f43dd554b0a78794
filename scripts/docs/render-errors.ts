import type { ErrorCodeEntry } from './read-error-codes.js';
import { GENERATED_NOTE } from './generated-note.js';

const AREA_ORDER = ['USAGE', 'GENERAL', 'FS', 'SQLITE', 'MAP', 'PLAN', 'PG', 'COPY', 'VERIFY', 'RESUME', 'MIGRATION', 'REPLICA', 'PGBOUNCER', 'SANDBOX'];

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * docs/errors.md: every code of CatdbErrorCode, grouped by area, with its meaning, what to do,
 * and the CLI exit code (computed by the CLI's own mapping). A code without a meaning gets
 * an empty cell; the docs test names it.
 */
export function renderErrors(codes: readonly ErrorCodeEntry[], meanings: Readonly<Record<string, { meaning: string; hint: string }>>, exitCodeFor: (code: string) => number): string {
  const areas = new Map<string, ErrorCodeEntry[]>();
  for (const c of codes) {
    const area = c.code === 'ABORTED' ? 'GENERAL' : c.code.startsWith('PGBOUNCER_') ? 'PGBOUNCER' : c.code.split('_')[0]!;
    areas.set(area, [...(areas.get(area) ?? []), c]);
  }
  // A fixed order, so moving a code within errors.ts does not reshuffle the page.
  const rank = (area: string): number => (AREA_ORDER.indexOf(area) + AREA_ORDER.length + 1) % (AREA_ORDER.length + 1);
  const ordered = [...areas].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  const sections = ordered.map(([area, entries]) => [
    `## ${area}`,
    '',
    '| Code | Meaning | What to do | Exit |',
    '| --- | --- | --- | --- |',
    ...entries.map((e) => {
      const m = meanings[e.code];
      return `| \`${e.code}\` | ${cell(e.doc || m?.meaning || '')} | ${cell(m?.hint ?? '')} | ${exitCodeFor(e.code)} |`;
    }),
    '',
  ].join('\n'));
  return [
    '# Error codes',
    '',
    GENERATED_NOTE,
    '',
    'Everything catdb throws is a `CatdbError` with a stable `code` (below), a `message` that names the',
    'object (table, column, rowid, slot, file), a `hint` (what to do next), `details` (structured: table,',
    "column, sqlstate…) and, when another error caused it, `cause` (e.g. the server's error with every field",
    'it sent). Codes never change meaning once released; new codes may be added.',
    '',
    '```ts',
    "import { CatdbError, isCatdbError } from '@catdb/core';",
    'try {',
    '  await migrateSqliteToPg({ source, target });',
    '} catch (err) {',
    "  if (isCatdbError(err, 'PLAN_TARGET_EXISTS')) console.error(err.message, err.hint);",
    '  else throw err;',
    '}',
    '```',
    '',
    'With `--json`, a failing command prints `{"type":"error","name":"CatdbError","code":…,"message":…,"hint":…,"details":{…}}`',
    'as its last line. The "Exit" column is the CLI\'s exit code for the error (`replica lag` and',
    '`pgbouncer check` answer UNKNOWN, 3, to any error that stops the check instead, and to',
    '`USAGE_INVALID_OPTION` only with `--nagios`; without it, bad arguments exit 2 there too).',
    '',
    ...sections,
  ].join('\n');
}
