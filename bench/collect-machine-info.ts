import { execFile } from 'node:child_process';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { promisify } from 'node:util';
import { connect } from '../packages/core/src/pg/connect.js';
import type { MachineInfo } from './bench-types.js';

const run = promisify(execFile);

/**
 * What the figures depend on: cores, memory, versions, the server settings actually in
 * force (read back with SHOW, not assumed) and the load when the run began.
 */
export async function collectMachineInfo(url: string, settings: readonly string[], pgloaderVersion: string | undefined): Promise<MachineInfo> {
  const client = await connect(url, { applicationName: 'catdb-bench' });
  let postgres: string;
  const pgSettings: Record<string, string> = {};
  try {
    postgres = (await client.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v.split(' on ')[0]!;
    for (const name of settings) {
      pgSettings[name] = (await client.query<{ v: string }>('SELECT current_setting($1) AS v', [name])).rows[0]!.v;
    }
  } finally {
    await client.end();
  }
  const sqlite3 = (await run('sqlite3', ['-version'], { timeout: 30_000 })).stdout.trim().split(' ')[0] ?? '';
  return {
    nproc: availableParallelism(),
    memTotalMiB: Math.round(totalmem() / 1024 / 1024),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    kernel: `${type()} ${release()}`,
    node: process.version,
    postgres,
    sqlite3,
    ...(pgloaderVersion ? { pgloader: pgloaderVersion } : {}),
    pgSettings,
    loadAvg1: loadavg()[0] ?? 0,
  };
}
