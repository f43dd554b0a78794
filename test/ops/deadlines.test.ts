import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPgbouncer } from '@catdb/core/pgbouncer';
import { getReplicationStatus } from '@catdb/core/replica';
import { runCli, runCliUntilLines } from '../support/run-cli.js';
import { serverUrl } from '../support/test-server.js';
import { startStallingServer, type StallingServer } from '../support/stalling-server.js';

// Every check must answer within its deadline, whatever the server does. The bound is taken
// from the moment the silent server accepted the connection to the moment catdb exited, so
// Node's own start-up on a loaded machine does not count; 1 s of slack for output and exit.
const SLACK_MS = 1000;

let silent: StallingServer;
let stalling: StallingServer;

beforeAll(async () => {
  silent = await startStallingServer('silent');
  const upstream = new URL(serverUrl());
  stalling = await startStallingServer('stall-after-startup', { host: upstream.hostname, port: Number(upstream.port) });
});

afterAll(async () => {
  await silent?.close();
  await stalling?.close();
});

/** Runs catdb and returns how long it took from the server's first accept to its exit. */
async function timed(server: StallingServer, args: string[], env: NodeJS.ProcessEnv = {}) {
  const before = server.accepted.length;
  const result = await runCli(args, { env, timeoutMs: 60_000 });
  const exited = performance.now();
  expect(server.accepted.length, 'catdb connected to the test server').toBeGreaterThan(before);
  return { ...result, elapsedMs: exited - server.accepted[before]! };
}

const silentUrl = (query = '') => `postgres://postgres@127.0.0.1:${silent.port}/postgres${query}`;
const nagiosLine = (stdout: string) => {
  const lines = stdout.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return lines[0]!;
};

describe('a server that accepts and never answers', () => {
  it('replica lag --nagios answers UNKNOWN, naming the host, within --timeout', async () => {
    const run = await timed(silent, ['replica', 'lag', '--primary', silentUrl(), '--nagios', '--timeout', '2s']);
    expect(run.code).toBe(3);
    expect(nagiosLine(run.stdout)).toBe(`REPLICA UNKNOWN: PostgreSQL at 127.0.0.1:${silent.port} did not answer within 2 s (deadline)`);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(1900);
    expect(run.elapsedMs).toBeLessThan(2000 + SLACK_MS);
  });

  it('replica lag honours connect_timeout in the URL ahead of the default deadline (10 s)', async () => {
    const run = await timed(silent, ['replica', 'lag', '--primary', silentUrl('?connect_timeout=2'), '--nagios']);
    expect(run.code).toBe(3);
    expect(nagiosLine(run.stdout)).toMatch(new RegExp(`^REPLICA UNKNOWN: PostgreSQL at 127\\.0\\.0\\.1:${silent.port} did not answer within 2 s \\(connect_timeout\\)$`));
    expect(run.elapsedMs).toBeLessThan(2000 + SLACK_MS);
  });

  it('replica lag honours PGCONNECT_TIMEOUT, and the URL wins over it', async () => {
    const fromEnv = await timed(silent, ['replica', 'lag', '--primary', silentUrl(), '--json'], { PGCONNECT_TIMEOUT: '2' });
    expect(fromEnv.code).toBe(3);
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({ state: 'UNKNOWN', exitCode: 3, error: { code: 'PG_TIMEOUT', details: { timeoutMs: 2000 } } });
    expect(fromEnv.elapsedMs).toBeLessThan(2000 + SLACK_MS);

    const urlWins = await timed(silent, ['replica', 'lag', '--primary', silentUrl('?connect_timeout=2'), '--json'], { PGCONNECT_TIMEOUT: '30' });
    expect(JSON.parse(urlWins.stdout)).toMatchObject({ error: { code: 'PG_TIMEOUT', details: { timeoutMs: 2000 } } });
    expect(urlWins.elapsedMs).toBeLessThan(2000 + SLACK_MS);
  });

  it('migrate verify, which has no --timeout, gives up connecting after the default 30 s with PG_TIMEOUT', async () => {
    const run = await timed(silent, ['migrate', 'verify', join(import.meta.dirname, '../../fixtures/chinook.sqlite'), '--to', silentUrl(), '--json']);
    expect(run.code).toBe(1);
    expect(run.events.find((e) => e.type === 'error')).toMatchObject({ code: 'PG_TIMEOUT', message: `PostgreSQL at 127.0.0.1:${silent.port} did not answer within 30 s (connect_timeout)` });
    // The deadline starts just before the server accepts, so a hair under 30 s is fine.
    expect(run.elapsedMs).toBeGreaterThan(29_000);
    expect(run.elapsedMs).toBeLessThan(30_000 + SLACK_MS);
  }, 90_000);

  it('replica status fails with PG_TIMEOUT naming the host within --timeout (its failure exit, 1)', async () => {
    const run = await timed(silent, ['replica', 'status', '--primary', silentUrl(), '--timeout', '1500ms', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ type: 'error', code: 'PG_TIMEOUT', message: `PostgreSQL at 127.0.0.1:${silent.port} did not answer within 1.5 s (deadline)` });
    expect(run.elapsedMs).toBeLessThan(1500 + SLACK_MS);
  });

  it('pgbouncer check --nagios answers UNKNOWN within --timeout; a bare number still means milliseconds', async () => {
    const adminUrl = `postgres://pgbouncer_admin:x@127.0.0.1:${silent.port}/pgbouncer`;
    const run = await timed(silent, ['pgbouncer', 'check', '--admin-url', adminUrl, '--nagios', '--timeout', '2s']);
    expect(run.code).toBe(3);
    expect(nagiosLine(run.stdout)).toBe(`PGBOUNCER UNKNOWN: PgBouncer at 127.0.0.1:${silent.port} did not answer within 2 s (deadline)`);
    expect(run.elapsedMs).toBeLessThan(2000 + SLACK_MS);

    const bare = await timed(silent, ['pgbouncer', 'check', '--admin-url', adminUrl, '--nagios', '--timeout', '1500']);
    expect(bare.code).toBe(3);
    expect(nagiosLine(bare.stdout)).toMatch(/did not answer within 1\.5 s/);
    expect(bare.stderr).toMatch(/--timeout 1500 is read as milliseconds/);
    expect(bare.elapsedMs).toBeLessThan(1500 + SLACK_MS);
  });

  it('replica lag --watch goes on after a failed round', async () => {
    const { code, stdout } = await runCliUntilLines(['replica', 'lag', '--primary', silentUrl(), '--nagios', '--timeout', '300ms', '--watch', '100ms'], 3, { timeoutMs: 30_000 });
    const lines = stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).toBe(`REPLICA UNKNOWN: PostgreSQL at 127.0.0.1:${silent.port} did not answer within 0.3 s (deadline)`);
    expect(code).toBe(3);
  });

  it('the library fails with PG_TIMEOUT within timeoutMs, and with ABORTED at once when aborted', async () => {
    const started = performance.now();
    await expect(getReplicationStatus({ primaryUrl: silentUrl(), timeoutMs: 800 })).rejects.toMatchObject({ code: 'PG_TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(800 + SLACK_MS);

    const controller = new AbortController();
    const aborted = getReplicationStatus({ primaryUrl: silentUrl(), timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const t0 = performance.now();
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    expect(performance.now() - t0).toBeLessThan(SLACK_MS);

    const t1 = performance.now();
    await expect(checkPgbouncer({ adminUrl: `postgres://a:b@127.0.0.1:${silent.port}/pgbouncer`, timeoutMs: 800 })).rejects.toMatchObject({ code: 'PG_TIMEOUT' });
    expect(performance.now() - t1).toBeLessThan(800 + SLACK_MS);
  });
});

describe('a server that logs the client in, then stops answering', () => {
  it('replica lag answers UNKNOWN within --timeout: the deadline covers queries, not only connecting', async () => {
    const url = new URL(serverUrl());
    url.port = String(stalling.port);
    const run = await timed(stalling, ['replica', 'lag', '--primary', url.toString(), '--nagios', '--timeout', '2s']);
    expect(run.code).toBe(3);
    expect(nagiosLine(run.stdout)).toBe(`REPLICA UNKNOWN: PostgreSQL at 127.0.0.1:${stalling.port} did not answer within 2 s (deadline)`);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(1900);
    expect(run.elapsedMs).toBeLessThan(2000 + SLACK_MS);
  });

  it('a standby that stalls does not hold up the primary: it is reported, the check still answers in time', async () => {
    const standby = new URL(serverUrl());
    standby.port = String(stalling.port);
    const run = await timed(stalling, ['replica', 'lag', '--primary', serverUrl(), '--replica', standby.toString(), '--json', '--timeout', '2s']);
    const report = JSON.parse(run.stdout);
    expect(report.status.replicas[0]).toMatchObject({ reachable: false, error: expect.stringContaining(`PostgreSQL at 127.0.0.1:${stalling.port} did not answer within 2 s`) });
    // The test server is no primary with standbys: the stalled --replica is the only one expected, and not streaming.
    expect(report.state).toBe('CRITICAL');
    expect(run.elapsedMs).toBeLessThan(2000 + SLACK_MS);
  });
});
