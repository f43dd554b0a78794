import { join } from 'node:path';
import { extractDeclarations } from './extract-declarations.js';
import { GENERATED_NOTE } from './generated-note.js';

const ts = (code: string): string[] => ['```ts', code, '```', ''];

/**
 * docs/events.md: what `--json` prints for migrate, verify, replica lag and pgbouncer check.
 * The TypeScript blocks are quoted from the core sources (`root` is the repository).
 */
export function renderEvents(root: string): string {
  const core = (path: string): string => join(root, 'packages/core/src', path);
  return [
    '# JSON events and outputs',
    '',
    GENERATED_NOTE,
    '',
    'With `--json`, catdb prints machine-readable output on stdout and nothing else there (messages',
    'for humans go to stderr). Commands that report progress print **NDJSON**: one JSON object per',
    'line, each with a `type`. Checks print **one JSON document**. The library emits the same event',
    'objects through `onEvent`; the types below are quoted from `@catdb/core`, which exports them.',
    '',
    'Conventions: durations are milliseconds (`ms`, `elapsedMs`), sizes are bytes, row counts are',
    'rows. 64-bit values (LSN offsets, byte lags) are `bigint` in the library and JSON numbers on',
    'the command line when they fit in 2^53, else decimal strings. Timestamps are ISO 8601 UTC strings.',
    'A command that fails prints a last line `{"type":"error","name":"CatdbError","code":…,"message":…,"hint":…,"details":{…}}`',
    '(codes: [errors.md](errors.md)).',
    '',
    '## catdb migrate sqlite-to-pg --json',
    '',
    'NDJSON: the `MigrationEvent`s of the run, in order, then one summary line:',
    '',
    '```ts',
    "{ type: 'summary'; tables: number; rows: number; bytes: number; rejected: number; rejectFiles: string[];",
    '  ms: number; verified: number /* tables verified */; warnings: PlanWarning[]; skipped: SkippedObject[];',
    '  incomplete: IncompleteObject[] /* objects of the source not created; non-empty: exit 4 unless --allow-incomplete-schema */;',
    '  target?: { port: number; dir: string; url: string } /* only when catdb started its own PostgreSQL */ }',
    '```',
    '',
    'With `--dry-run` the output is one `{ type: \'plan\', plan: MigrationPlan }` line instead. A column whose values',
    'its declared type cannot carry gets a type that carries them: a `TypeDecision` in `plan.decisions`, and a warning.',
    "`plan.compat` holds the statements that create catdb's functions in the schema `catdb_sqlite` that the plan's views and",
    'CHECKs call (empty when none does; see sql-translation.md).',
    '',
    ...ts(extractDeclarations(core('migrate/migration-event.ts'), ['MigrationEvent', 'MigrationStep'])),
    ...ts(extractDeclarations(core('copy/reject-record.ts'), ['RejectRecord'])),
    ...ts(extractDeclarations(core('plan/migration-plan.ts'), ['PlanWarning', 'TypeDecision', 'SkippedObject', 'SchemaObjectKind'])),
    ...ts(extractDeclarations(core('migrate/incomplete-objects.ts'), ['IncompleteObject'])),
    'A CHECK, index or view whose SQL catdb does not translate (see [sql-translation.md](sql-translation.md)) is in',
    '`skipped` with the reason and its SQL; the migration goes on without it.',
    '',
    '## catdb migrate verify --json',
    '',
    'NDJSON: one `verify-table` event (see `MigrationEvent` above) per table as it finishes, then',
    '`{ type: \'verify-summary\', ok: boolean, tables: (TableVerification & { problem?: string })[] }`.',
    'Exit code 0 when every table matches, 3 when one does not.',
    '',
    ...ts(extractDeclarations(core('verify/verify-table.ts'), ['TableVerification'])),
    '## catdb replica lag --json',
    '',
    'One JSON document, a `LagReport` (what `checkReplicaLag` returns). Exit code = `exitCode`',
    '(0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN). When the primary cannot be read the document is',
    '`{ state: \'UNKNOWN\', exitCode: 3, summary: string, error: { code, message, hint, details } }`',
    '(`PG_TIMEOUT` when it did not answer within `--timeout`). Bad arguments print the error line',
    '(see above) and exit 2. With `--watch`, one document per round (NDJSON).',
    '',
    ...ts(extractDeclarations(core('replica/types.ts'), ['LagReport', 'ThresholdView', 'CheckState', 'StandbyVerdict', 'StandbyCondition', 'ReplicationStatus', 'PrimarySide', 'StandbyOnPrimary', 'SlotOnPrimary', 'ReplicaSide'])),
    '## catdb pgbouncer check --json',
    '',
    'One JSON document: `{ type: \'pgbouncer.check\', ...PgbouncerCheckResult }`. Exit code = `exitCode`',
    '(0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN). When the check cannot run, one error line instead',
    '(see above) and exit code 3; for bad arguments, exit code 2.',
    '',
    ...ts(extractDeclarations(core('pgbouncer/check-pgbouncer.ts'), ['PgbouncerCheckResult'])),
    ...ts(extractDeclarations(core('pgbouncer/map-check-findings.ts'), ['CheckReport', 'CheckStatus', 'CheckFinding', 'CheckMetrics', 'CapacityLine', 'CheckThresholds', 'AliasProbe', 'AdminRow'])),
  ].join('\n');
}
