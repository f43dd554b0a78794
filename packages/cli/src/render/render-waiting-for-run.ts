import type { MigrationEvent } from '@catdb/core';

/** The line a run waiting for another (`--wait`) prints, once per run it waits for. */
export function renderWaitingForRun(e: Extract<MigrationEvent, { type: 'waiting-for-run' }>): string {
  const since = e.startedAt ? ` started ${e.startedAt}` : '';
  const pid = e.pid !== null ? ` (server process ${e.pid})` : '';
  return `Waiting for the migration into schema ${e.schema}${since}${pid} to end…`;
}
