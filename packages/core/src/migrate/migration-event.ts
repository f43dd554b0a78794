import type { RejectRecord } from '../copy/reject-record.js';
import type { DataOnlyReport } from '../data-only/build-data-only-report.js';
import type { SequenceReset } from '../data-only/sequence-reset.js';
import type { PlanWarning } from '../plan/migration-plan.js';
import type { LoadDecision } from './load-decision.js';

/** Progress of a migration or verification, reported through `onEvent`. */
export type MigrationEvent =
  | { type: 'introspected'; tables: number; views: number; triggers: number; ms: number }
  /** `decisions`: columns whose values chose their type (each is also among the warnings). */
  | { type: 'planned'; tables: number; rows: number; warnings: number; decisions: number; problems: number; tableRows: { table: string; rows: number }[] }
  | { type: 'target'; url: string; schema: string; embedded: boolean }
  /** Another migration into the schema holds its lock (`wait: true`): this run starts when it ends. `startedAt` is ISO, null when unknown. */
  | { type: 'waiting-for-run'; schema: string; startedAt: string | null; pid: number | null }
  | { type: 'step'; step: MigrationStep; status: 'start' | 'done'; ms?: number }
  | { type: 'table-start'; table: string; rows: number }
  | { type: 'table-progress'; table: string; rows: number; totalRows: number; bytes: number }
  | { type: 'table-done'; table: string; rows: number; bytes: number; rejected: number; ms: number }
  | { type: 'table-skipped'; table: string; reason: string }
  /** The fast SQLite-rendered load met a value it cannot render; the table is loaded again value by value. */
  | { type: 'table-retry'; table: string; reason: string }
  | { type: 'reject'; record: RejectRecord }
  | { type: 'warning'; warning: PlanWarning }
  /** The load changed what the plan said (a column's type, a foreign key left out); the plan itself stays as made. Each comes with its warning. */
  | { type: 'load-decision'; decision: LoadDecision }
  /** A verification begins: the tables it compares (by their SQLite names) and their rows in the source. */
  | { type: 'verify-start'; tables: number; rows: number }
  | { type: 'verify-table-start'; table: string; rows: number }
  | { type: 'verify-table'; table: string; ok: boolean; sourceRows: number; targetRows: number; rejected: number; ms: number }
  // Data-only loads (--data-only): the report before any change, kept rows of merged tables, sequences moved.
  | { type: 'data-only-report'; report: DataOnlyReport }
  | { type: 'rows-kept'; table: string; kept: number; different: number }
  | ({ type: 'sequence-reset' } & SequenceReset);

/** The steps of a migration, in the order they run; `step` events name them. */
export type MigrationStep = 'introspect' | 'plan' | 'scan' | 'create' | 'load' | 'constraints' | 'foreign-keys' | 'sequences' | 'views' | 'triggers' | 'analyze' | 'verify';

/** Receives every MigrationEvent of a run, in order; called synchronously, so keep it quick. */
export type MigrationEventHandler = (event: MigrationEvent) => void;
