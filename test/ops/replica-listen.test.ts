import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupPgpass, readAutoConfSetting, serverOsUser, stopStandbyServer, writePgpassFile } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { startTestPrimary, type TestPrimary } from '../support/test-primary.js';
import { queryUrl } from '../support/test-server.js';

let primary: TestPrimary;
/** The primary's URL with a passfile that also holds the superuser for 127.0.0.2 (passfiles match by host). */
let primaryUrl: string;
const dataDir = () => join(primary.base, 'standby-listen', 'data');

beforeAll(async () => {
  primary = await startTestPrimary('replica-listen');
  const password = lookupPgpass(primary.server.passfile, '127.0.0.1', primary.server.port, 'postgres', 'postgres')!;
  const passfile = join(primary.base, 'any-host.pgpass');
  writePgpassFile(passfile, [{ host: '*', port: '*', database: '*', user: 'postgres', password }]);
  primaryUrl = `${primary.server.url}?passfile=${passfile}`;
});

afterAll(async () => {
  if (primary) await stopStandbyServer(primary.server.binDir, dataDir(), serverOsUser()).catch(() => {});
  await primary?.cleanup();
});

describe('replica init --listen', () => {
  it('writes listen_addresses into the standby\'s own config, and the standby listens there only', async () => {
    // 127.0.0.2 is loopback too on Linux, and not where the primary listens.
    const run = await runCli(['replica', 'init', '--primary', primaryUrl, '--data-dir', dataDir(), '--password-file', primary.passwordFile, '--slot', 'listen1', '--listen', '127.0.0.2', '--start', '--json'], { timeoutMs: 180_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = run.events.find((e) => e.type === 'result') as { standbyUrl: string; port: number; streaming: unknown };
    expect(result.streaming).not.toBeNull();
    expect(new URL(result.standbyUrl).hostname).toBe('127.0.0.2');

    expect(readAutoConfSetting(dataDir(), 'listen_addresses')).toBe('127.0.0.2');
    expect(readFileSync(join(dataDir(), 'postgresql.auto.conf'), 'utf8')).toMatch(/^# Standby settings written by catdb replica init\nlisten_addresses = '127\.0\.0\.2'$/m);
    expect(await queryUrl(result.standbyUrl, 'show listen_addresses')).toEqual([{ listen_addresses: '127.0.0.2' }]);

    // Not inherited from the primary, which listens on 127.0.0.1.
    const elsewhere = new URL(result.standbyUrl);
    elsewhere.hostname = '127.0.0.1';
    await expect(queryUrl(elsewhere.toString(), 'select 1')).rejects.toMatchObject({ code: 'PG_UNREACHABLE' });
  });

  it('refuses an address list PostgreSQL would not take, before changing anything', async () => {
    const run = await runCli(['replica', 'init', '--primary', primary.url, '--data-dir', join(primary.base, 'never'), '--password-file', primary.passwordFile, '--listen', "127.0.0.1' port=1", '--json']);
    expect(run.code).toBe(2);
    expect(run.events.at(-1)).toMatchObject({ type: 'error', code: 'USAGE_INVALID_OPTION' });
    expect(await primary.query("select slot_name from pg_replication_slots where slot_name like 'catdb_never%'")).toEqual([]);
  });
});
