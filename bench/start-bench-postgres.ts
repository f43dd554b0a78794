import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isReachableBy, serverOsUser } from '../packages/core/src/os/os-user.js';
import { startLocalPostgres, type LocalPostgres } from '../packages/core/src/local/start-postgres.js';

/** The server settings of the reference numbers, the same for every contender. */
export const BENCH_PG_SETTINGS = { shared_buffers: '256MB', max_wal_size: '4GB' } as const;

export interface BenchPostgres {
  server: LocalPostgres;
  /** Stops the server, and removes its folder when it was a temporary one. */
  close(): Promise<void>;
}

/**
 * Starts the benchmark's own PostgreSQL under `cacheDir/pg` (kept between runs so initdb
 * happens once), or under a temporary folder when the `postgres` OS user cannot reach the
 * checkout. A server left running by an interrupted run is restarted, so the settings
 * above are the ones in force.
 */
export async function startBenchPostgres(cacheDir: string, signal: AbortSignal): Promise<BenchPostgres> {
  const osUser = serverOsUser();
  let dir = join(cacheDir, 'pg');
  let temporary: string | undefined;
  if (!isReachableBy(dir, osUser)) {
    temporary = mkdtempSync(join(tmpdir(), 'catdb-bench-'));
    // The postgres user must traverse this folder to reach its data directory.
    chmodSync(temporary, 0o755);
    dir = join(temporary, 'pg');
  }
  const start = () => startLocalPostgres({ dir, settings: { ...BENCH_PG_SETTINGS }, signal });
  let server = await start();
  if (!server.started) {
    await server.stop(signal);
    server = await start();
  }
  return {
    server,
    close: async () => {
      try {
        await server.stop();
      } finally {
        if (temporary) rmSync(temporary, { recursive: true, force: true });
      }
    },
  };
}
