import { Listr, type ListrTask } from 'listr2';
import { isCatdbError, type MigrationEvent, type MigrationStep } from '@catdb/core';
import { deferred, type Deferred } from './deferred.js';
import { formatCount, formatMs } from './format-units.js';
import { terminalSafe } from './terminal-safe.js';
import { plural } from './plural.js';

const STEP_TITLES: [MigrationStep, string][] = [
  ['create', 'Create schema'],
  ['constraints', 'Primary keys, unique constraints, indexes, checks'],
  ['foreign-keys', 'Foreign keys'],
  ['sequences', 'Sequences past the loaded ids'],
  ['views', 'Views'],
  ['triggers', 'Triggers (PL/pgSQL functions)'],
  ['analyze', 'ANALYZE'],
  ['verify', 'Verify counts and checksums'],
];

/**
 * Drives a listr2 task list from migration events: per table rows, rows/s and ETA,
 * then each post-load step. Without a TTY listr2 falls back to plain lines.
 * Returns the event handler and a promise that settles when the list is done.
 */
export function renderMigrationProgress(options: { verify: boolean }): { onEvent: (e: MigrationEvent) => void; fail(err: unknown): void; finish(): Promise<void> } {
  const planned = deferred<{ table: string; rows: number }[]>();
  const steps = new Map<MigrationStep, Deferred>(STEP_TITLES.map(([s]) => [s, deferred()]));
  const tables = new Map<string, { done: Deferred; update?: (title: string) => void; started: number }>();
  let failure: unknown;

  const tableTask = (t: { table: string; rows: number }): ListrTask => ({
    title: terminalSafe(`${t.table}: waiting (${plural(t.rows, 'row', formatCount(t.rows))})`),
    task: async (_ctx, task) => {
      const entry = tables.get(t.table)!;
      // Titles carry table names from the SQLite file.
      entry.update = (title) => (task.title = terminalSafe(title));
      await entry.done.promise;
    },
  });

  const list = new Listr(
    [
      { title: 'Read and plan the SQLite database', task: async () => void (await planned.promise) },
      {
        title: 'Load tables',
        task: async (_ctx, task) => {
          const plan = await planned.promise;
          await steps.get('create')!.promise;
          return task.newListr(plan.map(tableTask), { concurrent: true, exitOnError: true });
        },
      },
      ...STEP_TITLES.filter(([s]) => s !== 'create' && (options.verify || s !== 'verify')).map(([s, title]) => ({ title, task: async () => void (await steps.get(s)!.promise) })),
    ],
    { concurrent: false, exitOnError: true, rendererOptions: { collapseSubtasks: false }, fallbackRendererOptions: { timestamp: undefined } } as never,
  );

  const onEvent = (e: MigrationEvent): void => {
    if (e.type === 'planned') {
      for (const t of e.tableRows) tables.set(t.table, { done: deferred(), started: 0 });
      planned.resolve(e.tableRows);
    } else if (e.type === 'step' && e.status === 'done') {
      steps.get(e.step)?.resolve();
    } else if (e.type === 'table-start') {
      const t = tables.get(e.table);
      if (t) t.started = performance.now();
    } else if (e.type === 'table-progress') {
      const t = tables.get(e.table);
      if (t?.update) {
        const secs = (performance.now() - t.started) / 1000;
        const rate = secs > 0 ? e.rows / secs : 0;
        const eta = rate > 0 ? ((e.totalRows - e.rows) / rate) * 1000 : 0;
        t.update(`${e.table}: ${formatCount(e.rows)}/${plural(e.totalRows, 'row', formatCount(e.totalRows))}, ${formatCount(Math.round(rate))} rows/s, ETA ${formatMs(eta)}`);
      }
    } else if (e.type === 'table-skipped') {
      const t = tables.get(e.table);
      t?.update?.(`${e.table}: ${e.reason}`);
      t?.done.resolve();
    } else if (e.type === 'table-done') {
      const t = tables.get(e.table);
      t?.update?.(`${e.table}: ${plural(e.rows, 'row', formatCount(e.rows))} in ${formatMs(e.ms)}${e.rejected ? `, ${e.rejected} rejected` : ''}`);
      t?.done.resolve();
    }
  };
  const fail = (err: unknown): void => {
    failure = err;
    // The tasks show only the code: the message and hint are printed once, after the list.
    const shown = new Error(isCatdbError(err) ? err.code : 'failed');
    planned.reject(shown);
    for (const d of steps.values()) d.reject(shown);
    for (const t of tables.values()) t.done.reject(shown);
  };
  const finish = async (): Promise<void> => {
    try {
      await list.run();
    } catch (err) {
      if (failure === undefined) throw err;
    }
  };
  return { onEvent, fail, finish };
}
