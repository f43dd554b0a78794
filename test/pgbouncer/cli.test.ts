import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopPgbouncer } from '@catdb/core/pgbouncer';
import { connect, findFreePort, writePgpassFile } from '../support/core-internals.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { startTestCluster, type TestCluster } from './cluster.js';

let cluster: TestCluster;
let dir: string;
let port: number;

/** Runs the built CLI with only the env given (plus PATH), the way a compose file would. */
function catdb(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { env, bareEnv: true, timeoutMs: 90_000 });
}

function guideEnv(): Record<string, string> {
  return { DATABASE_URL: cluster.app.url, CATDB_SUPERUSER_URL: cluster.superuserUrl };
}

function expectNoSecret(run: CliResult): void {
  const text = run.stdout + run.stderr;
  for (const s of [cluster.app.password, encodeURIComponent(cluster.app.password), cluster.primary.connection().password]) expect(text).not.toContain(s);
  expect(text).not.toMatch(/SCRAM-SHA-256\$4096:[A-Za-z0-9+/]/);
}

beforeAll(async () => {
  cluster = await startTestCluster();
  dir = join(cluster.base, 'pgb-cli');
  port = await findFreePort();
});

afterAll(async () => {
  await stopPgbouncer({ dir }).catch(() => {});
  await cluster?.stop();
});

describe('catdb pgbouncer (CLI)', () => {
  it('init --dry-run reads the scaling guide env vars, lets a flag win, masks secrets and writes nothing', async () => {
    const run = await catdb(['pgbouncer', 'init', '--dir', dir, '--pool-mode', 'statement', '--replica-url', cluster.app.replicaUrl, '--dry-run'], {
      ...guideEnv(),
      POOL_MODE: 'session',
      MAX_CLIENT_CONN: '77',
      DEFAULT_POOL_SIZE: '3',
      MIN_POOL_SIZE: '2',
      LISTEN_PORT: String(port),
    });
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^pool_mode = statement$/m);
    expect(run.stdout).toMatch(/^max_client_conn = 77$/m);
    expect(run.stdout).toMatch(/^default_pool_size = 3$/m);
    expect(run.stdout).toMatch(/^min_pool_size = 2$/m);
    expect(run.stdout).toMatch(new RegExp(`^listen_port = ${port}$`, 'm'));
    expect(run.stdout).toMatch(/^listen_addr = 127\.0\.0\.1$/m);
    expect(run.stdout).toMatch(new RegExp(`^appdb_ro = host=127\\.0\\.0\\.1 port=${cluster.standby.port} dbname=appdb$`, 'm'));
    expect(run.stdout).toContain(`"${cluster.app.user}" "SCRAM-SHA-256$<masked>"`);
    expectNoSecret(run);
    expect(existsSync(dir)).toBe(false);
  });

  it('init --dry-run --auth auth-query explains the SCRAM limitation and shows the SQL', async () => {
    const run = await catdb(['pgbouncer', 'init', '--dir', dir, '--auth', 'auth-query', '--dry-run'], guideEnv());
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/SCRAM/);
    expect(run.stdout).toMatch(/SECURITY DEFINER/);
    expect(run.stdout).toMatch(/^auth_user = catdb_pgbouncer_auth$/m);
    expect(run.stdout).toContain('"catdb_pgbouncer_auth" "<masked password>"');
    expectNoSecret(run);
  });

  it('init takes a default pool size below the default min pool size and lowers the min, with a note', async () => {
    const run = await catdb(['pgbouncer', 'init', '--dir', dir, '--default-pool-size', '2', '--dry-run'], guideEnv());
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^default_pool_size = 2$/m);
    expect(run.stdout).toMatch(/^min_pool_size = 2$/m);
    expect(run.stderr).toMatch(/^note: min_pool_size is 2, not its default 5/m);
  });

  it('init refuses a min pool size above a default pool size when both were given', async () => {
    const run = await catdb(['pgbouncer', 'init', '--dir', dir, '--default-pool-size', '2', '--dry-run'], { ...guideEnv(), MIN_POOL_SIZE: '5' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error USAGE_INVALID_OPTION: min pool size 5 is larger than the default pool size 2/m);
    expect(run.stderr).toMatch(/hint: Lower --min-pool-size/);
    expect(run.stdout).toBe('');
  });

  it('init --start --json starts PgBouncer and reports a query through it', async () => {
    const run = await catdb(['pgbouncer', 'init', '--dir', dir, '--listen', `127.0.0.1:${port}`, '--min-pool-size', '0', '--start', '--json'], guideEnv());
    expect(run.code).toBe(0);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; alias?: string });
    expect(events.map((e) => e.type)).toContain('pgbouncer.started');
    expect(events.filter((e) => e.type === 'pgbouncer.ready').map((e) => e.alias)).toEqual(['appdb']);
    expectNoSecret(run);
    expect(readFileSync(join(dir, 'pgbouncer.ini'), 'utf8')).toMatch(/^pool_mode = transaction$/m);
  });

  it('check exits 0 with --nagios and --json when healthy, 3 when it cannot probe or find the folder', async () => {
    const nagios = await catdb(['pgbouncer', 'check', '--dir', dir, '--nagios'], { DATABASE_URL: cluster.app.url });
    expect(nagios.stdout).toMatch(/^PGBOUNCER OK: 1 alias\(es\) answer, no client waiting \| cl_active=/);
    expect(nagios.code).toBe(0);
    const json = await catdb(['pgbouncer', 'check', '--dir', dir, '--json'], { DATABASE_URL: cluster.app.url });
    const report = JSON.parse(json.stdout) as { type: string; status: string; exitCode: number; config: Record<string, string> };
    expect([report.type, report.status, report.exitCode, json.code]).toEqual(['pgbouncer.check', 'OK', 0, 0]);
    expect(report.config.listen_port).toBe(String(port));
    expectNoSecret(json);
    const noCredentials = await catdb(['pgbouncer', 'check', '--dir', dir, '--nagios']);
    expect(noCredentials.stdout).toMatch(/^PGBOUNCER UNKNOWN: .*not probed/);
    expect(noCredentials.code).toBe(3);
    const missing = await catdb(['pgbouncer', 'check', '--dir', join(cluster.base, 'nowhere'), '--nagios']);
    expect(missing.stdout).toMatch(/^PGBOUNCER UNKNOWN: /);
    expect(missing.code).toBe(3);
  });

  it('check reads the password from the passfile --database-url names (?passfile=), not only PGPASSFILE', async () => {
    const passfile = join(cluster.base, 'app.pgpass');
    writePgpassFile(passfile, [{ host: '127.0.0.1', port: String(port), database: '*', user: cluster.app.user, password: cluster.app.password }]);
    const url = `postgres://${cluster.app.user}@127.0.0.1:${port}/appdb?passfile=${encodeURIComponent(passfile)}`;
    const run = await catdb(['pgbouncer', 'check', '--dir', dir, '--database-url', url, '--nagios']);
    expect(run.stdout).toMatch(/^PGBOUNCER OK: 1 alias\(es\) answer, no client waiting \| /);
    expect(run.code).toBe(0);
    // Perfdata as the plugin guidelines define it: label=value[UOM];[warn];[crit];[min];[max]
    for (const datum of run.stdout.trim().split(' | ')[1]!.split(' ')) expect(datum).toMatch(/^[^'= ]+=-?[0-9.]+(s|%|B)?(;[@~0-9.:]*){0,4}$/);
    const without = await catdb(['pgbouncer', 'check', '--dir', dir, '--database-url', url.replace(/\?.*$/, ''), '--nagios']);
    expect(without.stdout).toMatch(/^PGBOUNCER UNKNOWN: appdb: not probed \(no password for /);
    expect(without.code).toBe(3);
  });

  it('pause holds queries without dropping the client, resume lets them through, reload answers', async () => {
    const client = await connect(`postgres://${cluster.app.user}:${encodeURIComponent(cluster.app.password)}@127.0.0.1:${port}/appdb`);
    try {
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      const pause = await catdb(['pgbouncer', 'pause', '--dir', dir, '--database', 'appdb', '--timeout', '10s']);
      expect([pause.code, pause.stdout]).toEqual([0, `PAUSE appdb: done (PgBouncer 127.0.0.1:${port})\n`]);
      let answered = false;
      const held = client.query('select 2 as two').then((r) => ((answered = true), r.rows));
      await sleep(1500);
      expect(answered).toBe(false);
      const resume = await catdb(['pgbouncer', 'resume', '--dir', dir, '--database', 'appdb', '--json']);
      expect(resume.code).toBe(0);
      expect(JSON.parse(resume.stdout)).toEqual({ type: 'pgbouncer.admin-command', listen: `127.0.0.1:${port}`, command: 'RESUME appdb' });
      expect(await held).toEqual([{ two: 2 }]);
      const reload = await catdb(['pgbouncer', 'reload', '--dir', dir]);
      expect([reload.code, reload.stdout]).toEqual([0, `RELOAD: done (PgBouncer 127.0.0.1:${port})\n`]);
      // Resuming what is not paused is PgBouncer's error, passed on with the command named.
      const again = await catdb(['pgbouncer', 'resume', '--dir', dir]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/RESUME on the PgBouncer admin console failed/);
      const hostile = await catdb(['pgbouncer', 'pause', '--dir', dir, '--database', 'appdb; SHUTDOWN']);
      expect(hostile.code).toBe(2);
      expect((await client.query('select 3 as three')).rows).toEqual([{ three: 3 }]);
    } finally {
      await client.end();
    }
  });

  it('stop --dir stops the daemon', async () => {
    const run = await catdb(['pgbouncer', 'stop', '--dir', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^stopped PgBouncer \(pid \d+\)/);
    const check = await catdb(['pgbouncer', 'check', '--dir', dir, '--nagios'], { DATABASE_URL: cluster.app.url });
    expect(check.stdout).toMatch(/^PGBOUNCER CRITICAL: admin console: /);
    expect(check.code).toBe(2);
  });
});
