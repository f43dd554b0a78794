import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliChild, runCli, startCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { isCatdbError, migrateSqliteToPg, type MigrationEvent } from '@catdb/core';
import { makeBigSqlite } from './make-big-sqlite.js';

// Two runs into one target schema: the second fails at once with MIGRATION_IN_PROGRESS and
// leaves nothing behind, or with --wait starts when the first ends.
const ROWS = 400_000;
let dir: string;
let sqlite: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'catdb-lock-'));
  chmodSync(dir, 0o755);
  sqlite = join(dir, 'big.db');
  makeBigSqlite(sqlite, ROWS);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one migration at a time into a schema', { timeout: 300_000 }, () => {
  const db = useScratchDatabase('lock', { each: true });

  /**
   * Starts the first run and holds its table parent once loaded, so that the run stops in a
   * later step, holding its lock for as long as the test needs; `release` lets it go on.
   */
  async function startHeldRun(): Promise<{ run: CliChild; release: () => Promise<void> }> {
    const run = startCli(['migrate', 'sqlite-to-pg', sqlite, '--to', db.url, '--json', '--jobs', '2']);
    await run.waitForEvent((e) => e.type === 'table-done' && e.table === 'parent');
    const holder = await db.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE public.parent IN ACCESS EXCLUSIVE MODE');
    for (let i = 0; ; i++) {
      const waits = await db.client.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'catdb' AND wait_event_type = 'Lock'`);
      if ((waits.rowCount ?? 0) > 0) break;
      if (i > 1200) throw new Error('the first run never waited for the held table');
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      run,
      release: async () => {
        await holder.query('ROLLBACK');
        await holder.end();
      },
    };
  }

  /** The start time the first run's lock connection shows every other session. */
  async function holderStartedAt(): Promise<string> {
    const res = await db.client.query<{ name: string }>(`SELECT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'catdb migrate since %'`);
    expect(res.rows).toHaveLength(1);
    return res.rows[0]!.name.slice('catdb migrate since '.length);
  }

  it('a second run fails fast with MIGRATION_IN_PROGRESS naming the first run’s start, and changes nothing', async () => {
    const { run: first, release } = await startHeldRun();
    const startedAt = await holderStartedAt();
    expect(Date.parse(startedAt)).not.toBeNaN();

    const t0 = performance.now();
    const second = await runCli(['migrate', 'sqlite-to-pg', sqlite, '--to', db.url, '--json']);
    const seconds = (performance.now() - t0) / 1000;
    expect(second.code, second.stderr).toBe(75);
    expect(seconds).toBeLessThan(15);
    const err = second.events.find((e) => e.type === 'error')!;
    expect(err.code).toBe('MIGRATION_IN_PROGRESS');
    expect(String(err.message)).toContain(`started ${startedAt}`);
    expect(String(err.hint)).toContain('--wait');
    expect((err.details as { startedAt: string }).startedAt).toBe(startedAt);
    // It stopped before reading the source: no plan, no table events.
    expect(second.events.map((e) => e.type)).toEqual(['error']);
    expect(second.stderr.match(/MIGRATION_IN_PROGRESS/g)).toHaveLength(1);

    // The same for a data-only load into that schema.
    const dataOnly = await runCli(['migrate', 'sqlite-to-pg', sqlite, '--to', db.url, '--json', '--data-only']);
    expect(dataOnly.code, dataOnly.stderr).toBe(75);
    expect(dataOnly.events.find((e) => e.type === 'error')?.code).toBe('MIGRATION_IN_PROGRESS');

    await release();
    const out = await first.done;
    expect(out.code, out.stderr).toBe(0);
    // Only the first run is recorded, complete: the refused ones left no `loading` run.
    const runs = await db.client.query<{ status: string }>(`SELECT status FROM catdb.migration_run`);
    expect(runs.rows.map((r) => r.status)).toEqual(['complete']);
    const left = await db.client.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
    expect(left.rowCount).toBe(0);
  });

  it('with --wait the second run waits for the first to end, then runs and verifies', async () => {
    const { run: first, release } = await startHeldRun();
    const startedAt = await holderStartedAt();
    const second = startCli(['migrate', 'sqlite-to-pg', sqlite, '--to', db.url, '--json', '--wait', '--if-exists', 'drop']);
    const waiting = await second.waitForEvent((e) => e.type === 'waiting-for-run');
    expect(waiting).toMatchObject({ schema: 'public', startedAt });
    // It keeps waiting while the first run cannot end.
    await new Promise((r) => setTimeout(r, 2000));
    expect(second.child.exitCode).toBeNull();
    await release();
    let firstEnded = false;
    const firstOut = await first.done.finally(() => (firstEnded = true));
    expect(firstOut.code, firstOut.stderr).toBe(0);
    // The waiting run read nothing before the first ended.
    const planned = await second.waitForEvent((e) => e.type === 'planned');
    expect(firstEnded).toBe(true);
    expect(planned.tables).toBe(4);
    const secondOut = await second.done;
    expect(secondOut.code, secondOut.stderr).toBe(0);
    expect(secondOut.events.at(-1)).toMatchObject({ type: 'summary', rows: ROWS + 1100, verified: 4 });
    const runs = await db.client.query<{ status: string }>(`SELECT status FROM catdb.migration_run ORDER BY started_at`);
    expect(runs.rows.map((r) => r.status)).toEqual(['complete', 'complete']);
  });

  it('waiting is abortable through the signal', async () => {
    const holder = await db.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('catdb:public'))`);
      const controller = new AbortController();
      const events: MigrationEvent[] = [];
      const running = migrateSqliteToPg({
        source: sqlite,
        target: db.url,
        wait: true,
        signal: controller.signal,
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'waiting-for-run') controller.abort(new Error('stop waiting'));
        },
      });
      const err = await running.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isCatdbError(err, 'ABORTED'), String(err)).toBe(true);
      const waited = events.find((e) => e.type === 'waiting-for-run');
      // The holder here is a plain session: the server shows when it connected, to the same role.
      expect(waited).toMatchObject({ schema: 'public', pid: (holder as unknown as { processID: number }).processID });
      expect(events.some((e) => e.type === 'planned')).toBe(false);
      // The waiting run's own connection is gone (the server may take a moment to notice).
      let lockSessions = -1;
      for (let i = 0; i < 50 && lockSessions !== 0; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        lockSessions = (await db.client.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'catdb migrate since %'`)).rowCount ?? -1;
      }
      expect(lockSessions).toBe(0);
    } finally {
      await holder.end();
    }
  });
});
