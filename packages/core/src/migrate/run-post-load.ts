import type pg from 'pg';
import { CatdbError, throwIfAborted } from '../errors.js';
import { applyStatement } from '../pg/apply-statement.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import type { MigrationPlan, PlanWarning, PostLoadPhase, PostLoadStatement } from '../plan/migration-plan.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { forEachWithClients } from '../pg/client-pool.js';
import { describeNameClash } from './describe-name-clash.js';
import { diagnoseFailure } from './diagnose-failure.js';
import { indexSortMemoryKiB } from './index-sort-memory.js';
import type { MigrationEvent } from './migration-event.js';

/** What the post-load runners share: where to run, what was planned, where warnings go. */
export interface PostLoadContext {
  clients: pg.Client[];
  plan: MigrationPlan;
  db: SqliteDatabase;
  warnings: PlanWarning[];
  emit: (e: MigrationEvent) => void;
  /** Statement names an earlier attempt completed (a resumed run). */
  skip?: ReadonlySet<string>;
  /** Loaded bytes by target table: sizes each table's index sorts (see indexSortMemoryKiB). */
  tableBytes?: ReadonlyMap<string, number>;
  /** Ctrl-C: the connection pool cancels the running statements; nothing further starts. */
  signal?: AbortSignal;
}

/** Runs post-load statements of the given phases, tables in parallel, statements of one table in order. */
export async function runPostLoadPhases(ctx: PostLoadContext, phases: PostLoadPhase[]): Promise<void> {
  // The longest work first (rows times statements), so the short tables fill in at the end.
  const rows = new Map(ctx.plan.tables.map((t) => [t.target, t.rowCount]));
  const weight = (g: PostLoadStatement[]): number => (rows.get(g[0]!.table) ?? 0) * g.length;
  const byTable = groupByTable(ctx.plan.postLoad.filter((s) => phases.includes(s.phase) && !ctx.skip?.has(s.name))).sort((a, b) => weight(b) - weight(a));
  const failures = new Failures();
  await forEachWithClients(ctx.clients, byTable, async (statements, client) => {
    const bytes = ctx.tableBytes?.get(statements[0]!.table);
    if (bytes !== undefined) await applyStatement(client, `SET maintenance_work_mem = '${indexSortMemoryKiB(bytes)}kB'`);
    for (const s of statements) {
      throwIfAborted(ctx.signal);
      try {
        await applyStatement(client, s.sql);
      } catch (err) {
        await failures.add(ctx, s, client, err);
      }
    }
  });
  failures.throwIfAny();
}

/**
 * Creates the foreign keys in two steps. `ADD … NOT VALID` takes SHARE ROW EXCLUSIVE on
 * both tables, so two keys naming one parent could only be checked one after the other;
 * it is instant, and `VALIDATE CONSTRAINT`, which does the scan, locks the parent in ROW
 * SHARE only, so the checks of different child tables run side by side.
 */
export async function addForeignKeys(ctx: PostLoadContext): Promise<void> {
  const statements = ctx.plan.postLoad.filter((s) => s.phase === 'foreign-key' && !ctx.skip?.has(s.name));
  const failures = new Failures();
  const added: PostLoadStatement[] = [];
  const first = ctx.clients[0]!;
  for (const s of statements) {
    throwIfAborted(ctx.signal);
    try {
      await applyStatement(first, `${s.sql} NOT VALID`);
      added.push(s);
    } catch (err) {
      // Left NOT VALID by an interrupted attempt (resume counts only validated keys as done).
      if ((err as { code?: string }).code === '42710') added.push(s);
      else await failures.add(ctx, s, first, err);
    }
  }
  await forEachWithClients(ctx.clients, groupByTable(added), async (group, client) => {
    for (const s of group) {
      throwIfAborted(ctx.signal);
      const table = quoteQualified(ctx.plan.schema, s.table);
      try {
        await applyStatement(client, `ALTER TABLE ${table} VALIDATE CONSTRAINT ${quoteIdent(s.name)}`);
      } catch (err) {
        await failures.add(ctx, s, client, err);
        // A failed migration leaves no half-made key behind.
        await applyStatement(client, `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${quoteIdent(s.name)}`).catch(() => {});
      }
    }
  });
  failures.throwIfAny();
}

function groupByTable(statements: readonly PostLoadStatement[]): PostLoadStatement[][] {
  const byTable = new Map<string, PostLoadStatement[]>();
  for (const s of statements) byTable.set(s.table, [...(byTable.get(s.table) ?? []), s]);
  return [...byTable.values()];
}

/** Statements that failed: non-critical ones become warnings, critical ones one PG_DDL_FAILED naming the rows. */
class Failures {
  private readonly failed: PostLoadStatement[] = [];
  private readonly lines: string[] = [];
  private clashes = 0;

  async add(ctx: PostLoadContext, s: PostLoadStatement, client: pg.Client, err: unknown): Promise<void> {
    // A statement Ctrl-C cancelled did not fail: neither a warning nor a diagnosis (its connection is closed).
    throwIfAborted(ctx.signal);
    const pgErr = mapPgError(err, { what: s.name });
    if (!s.critical) {
      const warning = { object: s.name, message: `not created: ${pgErr.message}`, sql: s.sql, notCreated: s.phase === 'index' ? ('index' as const) : ('constraint' as const) };
      ctx.warnings.push(warning);
      ctx.emit({ type: 'warning', warning });
      return;
    }
    const clash = await describeNameClash(err, s, client, ctx.plan.schema);
    if (clash) this.clashes++;
    const rows = clash ? [clash] : await diagnoseFailure(s, client, ctx.db, ctx.plan.tables, ctx.plan.schema);
    this.failed.push(s);
    this.lines.push(`${s.sql}\n    ${pgErr.message}${rows.length ? '\n    ' + rows.join('\n    ') : ''}`);
  }

  throwIfAny(): void {
    if (this.failed.length === 0) return;
    const fk = this.failed.some((s) => s.phase === 'foreign-key');
    throw new CatdbError('PG_DDL_FAILED', `The data was loaded, but ${this.failed.length} key/constraint statement(s) failed:\n  ${this.lines.join('\n  ')}`, {
      hint: this.clashes === this.failed.length
        ? 'Objects catdb did not create hold the names above in the target schema. Drop or rename them, or migrate into another --schema, and run again with --resume.'
        : fk
          ? 'SQLite did not enforce these foreign keys, so some rows reference missing parents. Fix them in SQLite (or leave the constraint out with --exclude of the table) and run again with --if-exists drop.'
          : 'The source data breaks a key PostgreSQL enforces (duplicates or NULLs). Fix the rows listed above in SQLite and run again with --if-exists drop.',
      details: { statements: this.failed.map((s) => s.sql) },
    });
  }
}
