import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startTestPrimary, type TestPrimary } from '../support/test-primary.js';
import { queryUrl } from '../support/test-server.js';
import { stopStandbyServer } from '../support/core-internals.js';

// replica init --json used to hand back the primary's password inside standbyUrl.

let primary: TestPrimary;
let dataDir: string | undefined;

beforeAll(async () => {
  primary = await startTestPrimary('init-result');
});

afterAll(async () => {
  if (dataDir) await stopStandbyServer(primary.server.binDir, dataDir, primary.server.osUser).catch(() => {});
  await primary?.cleanup();
});

describe('replica init with a password in --primary', () => {
  it('streams, and neither its events nor its result carry the password', async () => {
    const password = primary.server.connection().password;
    const url = new URL(primary.server.url);
    url.password = encodeURIComponent(password);
    dataDir = join(primary.base, 'standby', 'data');
    // No passfile anywhere: the URL's password is the only way in, so the run proves it was used.
    const env = { PGPASSFILE: join(primary.base, 'no-passfile'), DATABASE_URL: '' };
    const run = await runCli(['replica', 'init', '--primary', url.toString(), '--data-dir', dataDir, '--password-file', primary.passwordFile, '--start', '--json'], { env, timeoutMs: 240_000 });
    expect(run.code, run.stderr).toBe(0);
    const result = run.events.find((e) => e.type === 'result') as { standbyUrl: string; streaming: unknown; port: number };
    expect(result).toMatchObject({ streaming: { receiverStatus: 'streaming' } });
    expect(new URL(result.standbyUrl)).toMatchObject({ password: '', hostname: '127.0.0.1', port: String(result.port) });
    expect(run.stdout + run.stderr).not.toContain(password);
    expect(run.stdout + run.stderr).not.toContain(encodeURIComponent(password));
    // The URL handed back still reaches the standby, with the password from a passfile.
    const [row] = await queryUrl<{ rec: boolean }>(`${result.standbyUrl}?passfile=${encodeURIComponent(primary.server.passfile)}`, 'select pg_is_in_recovery() as rec');
    expect(row).toEqual({ rec: true });
  });
});
