import type pg from 'pg';
import type { RenderPool } from './render-pool.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { VerificationPlan } from './plan-verification.js';
import { probeLookup3 } from './probe-lookup3.js';
import type { ChecksumAlgorithm } from './row-checksum.js';
import { sourceChecksum } from './source-checksum.js';

/** A verification whose hash is chosen and whose early source-side work is running; finish it with applyVerification. */
export interface StartedVerification {
  plan: VerificationPlan;
  algorithm: ChecksumAlgorithm;
  /** SQL-side source checksums already running on the threads, by source table. */
  sums: ReadonlyMap<string, Promise<{ count: number; sum: string } | undefined>>;
}

/**
 * Picks the row hash the server supports and, with `threads`, starts the source-side
 * checksums of the tables the plan gives to the threads. The source side needs only the
 * SQLite snapshot, so a migration starts it while the server still builds keys and indexes.
 */
export async function startVerification(db: SqliteDatabase, client: pg.Client, plan: VerificationPlan, threads: RenderPool | undefined): Promise<StartedVerification> {
  const algorithm = (await probeLookup3(client)) ? 'lookup3' : 'md5';
  const sums = new Map<string, Promise<{ count: number; sum: string } | undefined>>();
  for (const t of plan.tables) {
    if (!threads || !t.threads || !t.sqlCanonical) continue;
    const sum = sourceChecksum(db, t.source, t.sqlCanonical, algorithm, threads);
    // Awaited by applyVerification; a failure before then must not surface as unhandled.
    sum.catch(() => {});
    sums.set(t.source, sum);
  }
  return { plan, algorithm, sums };
}
