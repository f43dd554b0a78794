import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxStatus, startSandbox, stopSandbox } from '@catdb/core/sandbox';
import { modeOf } from './replica-helpers.js';
import { runCli } from '../support/run-cli.js';
import { queryUrl } from '../support/test-server.js';
import { poll } from '../support/poll.js';
import { readPasswordFile } from '../support/core-internals.js';

const base = mkdtempSync(join(tmpdir(), 'catdb-sandbox-'));
chmodSync(base, 0o755);
const dir = join(base, 'sb');

afterAll(async () => {
  if (existsSync(join(dir, 'sandbox.json'))) await stopSandbox({ dir, purge: true }).catch(() => {});
  rmSync(base, { recursive: true, force: true });
});

describe('sandbox', () => {
  it('up runs a primary and two streaming replicas, records them without secrets, and status sees them', async () => {
    const state = await startSandbox({ dir, replicas: 2 });
    expect(state.replicas.map((r) => [r.name, r.slot])).toEqual([
      ['replica1', 'sandbox_replica1'],
      ['replica2', 'sandbox_replica2'],
    ]);
    const json = readFileSync(join(dir, 'sandbox.json'), 'utf8');
    expect(json).not.toContain(readPasswordFile(state.passwordFile));
    expect(JSON.parse(json)).toMatchObject({ version: 1, services: {}, primary: { port: state.primary.port } });
    expect(modeOf(join(dir, 'secrets'))).toBe(0o700);

    await queryUrl(state.primary.url, 'create table hello as select 42 as answer');
    for (const r of state.replicas) {
      const rows = await waitForTable(r.url);
      expect(rows).toEqual([{ answer: 42 }]);
    }
    const status = await sandboxStatus({ dir });
    expect(status.running).toEqual({ primary: true, replica1: true, replica2: true });
    expect(status.replication?.state).toBe('OK');
    expect(status.replication?.standbys.map((s) => s.condition)).toEqual(['streaming', 'streaming']);

    const cli = await runCli(['sandbox', 'status', '--dir', dir, '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ healthy: true, running: { replica2: true } });
  });

  it('down stops everything (status then reports stopped, exit 1); up again resumes the same servers', async () => {
    const down = await stopSandbox({ dir });
    expect(down.stopped).toEqual(['replica1', 'replica2', 'primary']);
    const cli = await runCli(['sandbox', 'status', '--dir', dir, '--json']);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({ healthy: false, running: { primary: false, replica1: false, replica2: false } });

    const again = await startSandbox({ dir, replicas: 2 });
    const status = await sandboxStatus({ dir });
    expect(status.replication?.state).toBe('OK');
    expect(await waitForTable(again.replicas[1]!.url)).toEqual([{ answer: 42 }]);
  });

  it('down --purge removes the folder', async () => {
    const cli = await runCli(['sandbox', 'down', '--dir', dir, '--purge', '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ purged: true });
    expect(existsSync(dir)).toBe(false);
  });
});

/** The table once the standby has replayed its creation. */
function waitForTable(url: string): Promise<unknown[]> {
  return poll('the table hello on the standby', () => queryUrl(url, 'select answer from hello'), { timeoutMs: 30_000 });
}
