import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPgbouncer, initPgbouncer, stopPgbouncer, type PgbouncerEvent } from '@catdb/core/pgbouncer';
import { findFreePort, serverOsUser, connect, openPoolerClient, quoteLiteral, type PgClient } from '../support/core-internals.js';
import { eventually, startTestCluster, type TestCluster } from './cluster.js';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster();
});

afterAll(async () => {
  for (const dir of ['pgb-pass', 'pgb-aq']) await stopPgbouncer({ dir: join(cluster.base, dir) }).catch(() => {});
  await cluster?.stop();
});

function poolerClient(port: number, database: string, password = cluster.app.password): Promise<PgClient> {
  return openPoolerClient({ host: '127.0.0.1', port }, database, { user: cluster.app.user, password });
}

async function query<T>(c: PgClient, sql: string): Promise<T> {
  return (await c.query(sql)).rows[0] as T;
}

/** Every secret that must never show up outside userlist.txt / admin.pgpass. */
function secretsOf(dir: string): string[] {
  const secrets = [cluster.app.password, encodeURIComponent(cluster.app.password), cluster.primary.connection().password];
  for (const line of readFileSync(join(dir, 'userlist.txt'), 'utf8').split('\n')) {
    const secret = /^"[^"]+" "([^"]+)"/.exec(line)?.[1];
    if (!secret) continue;
    // The whole secret and each key of a SCRAM verifier (salt, StoredKey, ServerKey).
    secrets.push(secret, ...secret.split(/[$:]/).filter((part) => part.length >= 16));
  }
  const admin = readFileSync(join(dir, 'admin.pgpass'), 'utf8').trim().split(':').pop()!;
  secrets.push(admin);
  return secrets;
}

/** PgBouncer's own refusal (SQLSTATE 08P01, "SASL authentication failed" for SCRAM), not a network error. */
async function expectRefused(attempt: Promise<PgClient>): Promise<void> {
  const err = await attempt.then(
    async (c) => {
      await c.end();
      return undefined;
    },
    (e: unknown) => e as { code?: string; cause?: { message?: string } },
  );
  expect(err?.code).toBe('PG_AUTH_FAILED');
  expect(err?.cause?.message).toMatch(/SASL authentication failed|password authentication failed/);
}

/** Alive and not a zombie waiting for its parent to reap it. */
function isRunning(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  return existsSync(stat) && !/\) Z /.test(readFileSync(stat, 'utf8'));
}

function expectNoSecret(text: string, secrets: string[], where: string): void {
  for (const s of secrets) expect(text.includes(s), `${where} contains a secret`).toBe(false);
}

function expectPrivateFiles(dir: string): void {
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  const osUser = serverOsUser();
  for (const name of readdirSync(dir)) {
    const st = statSync(join(dir, name));
    if (st.isSocket()) continue;
    expect(st.mode & 0o077, `${name} is readable by others`).toBe(0);
    if (osUser) expect(st.uid, `${name} owner`).toBe(osUser.uid);
  }
}

describe('pgbouncer with SCRAM pass-through (secret copied from pg_authid)', () => {
  let dir: string;
  let port: number;
  let pid: number;
  const events: PgbouncerEvent[] = [];

  it('starts, and a query passes through the primary and the _ro replica alias', async () => {
    dir = join(cluster.base, 'pgb-pass');
    port = await findFreePort();
    const result = await initPgbouncer({
      databaseUrl: cluster.app.url,
      superuserUrl: cluster.superuserUrl,
      replicaUrls: [cluster.app.replicaUrl],
      dir,
      listen: { host: '127.0.0.1', port },
      poolMode: 'transaction',
      defaultPoolSize: 1,
      minPoolSize: 0,
      start: true,
      onEvent: (e) => events.push(e),
    });
    expect(result.process?.action).toBe('started');
    pid = result.process!.pid;
    expect(result.databases.map((d) => d.alias)).toEqual(['appdb', 'appdb_ro']);
    expect(events.filter((e) => e.type === 'pgbouncer.ready').map((e) => e.type === 'pgbouncer.ready' && [e.alias, e.inRecovery])).toEqual([
      ['appdb', false],
      ['appdb_ro', true],
    ]);
    const userlist = readFileSync(join(dir, 'userlist.txt'), 'utf8');
    expect(userlist).toMatch(new RegExp(`^"${cluster.app.user}" "SCRAM-SHA-256\\$4096:`, 'm'));
    expect(userlist).not.toContain(cluster.app.password);

    const ro = await poolerClient(port, 'appdb_ro');
    try {
      expect(await query<{ r: boolean }>(ro, 'SELECT pg_is_in_recovery() AS r')).toEqual({ r: true });
      expect(await query<{ p: number }>(ro, "SELECT current_setting('port')::int AS p")).toEqual({ p: cluster.standby.port });
    } finally {
      await ro.end();
    }
  });

  it('pools per transaction: two clients share one server connection', async () => {
    const a = await poolerClient(port, 'appdb');
    const b = await poolerClient(port, 'appdb');
    try {
      const pa = await query<{ p: number; u: string }>(a, 'SELECT pg_backend_pid() AS p, current_user AS u');
      const pb = await query<{ p: number }>(b, 'SELECT pg_backend_pid() AS p');
      // Pool size 1 and both clients connected: only transaction pooling lets b run at all.
      expect(pb.p).toBe(pa.p);
      expect(pa.u).toBe(cluster.app.user);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('explains that reading the SCRAM secret needs a superuser', async () => {
    const attempt = initPgbouncer({ databaseUrl: cluster.app.url, dir: join(cluster.base, 'pgb-nosuper'), dryRun: true });
    await expect(attempt).rejects.toMatchObject({ code: 'PGBOUNCER_CONFIG', message: expect.stringMatching(/needs a superuser/), hint: expect.stringMatching(/--superuser-url/) });
    expect(existsSync(join(cluster.base, 'pgb-nosuper'))).toBe(false);
  });

  it('refuses a wrong password', async () => {
    await expectRefused(poolerClient(port, 'appdb', 'not-the-password'));
  });

  it('check reports waiting clients when the pool is exhausted', async () => {
    const holder = await poolerClient(port, 'appdb');
    const waiter = await poolerClient(port, 'appdb');
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1');
      const pending = waiter.query('SELECT 42 AS answer');
      const report = await eventually(async () => {
        const r = await checkPgbouncer({ dir, databaseUrl: cluster.app.url, timeoutMs: 1500 });
        return r.metrics.clWaiting > 0 ? r : undefined;
      }, 30);
      expect(report.findings.map((f) => f.code)).toContain('clients-waiting');
      expect(report.exitCode).toBeGreaterThanOrEqual(1);
      await holder.query('COMMIT');
      expect((await pending).rows[0]).toEqual({ answer: 42 });
    } finally {
      await holder.end();
      await waiter.end();
    }
  });

  it('check is OK when idle and reads the server max_connections', async () => {
    const report = await checkPgbouncer({ dir, databaseUrl: cluster.app.url });
    expect(report.findings.filter((f) => f.status !== 'OK')).toEqual([]);
    expect(report.status).toBe('OK');
    expect(report.exitCode).toBe(0);
    expect(report.config.auth_type).toBe('scram-sha-256');
    expect(report.metrics.capacity.map((c) => c.maxConnections)).toEqual([40, 40]);
    expect(report.pools.some((p) => p.pool_mode === 'transaction')).toBe(true);
  });

  it('a second init --start reloads and keeps an open transaction on the same backend', async () => {
    const c = await poolerClient(port, 'appdb');
    try {
      await c.query('BEGIN');
      const before = await query<{ p: number }>(c, 'SELECT pg_backend_pid() AS p');
      const again: PgbouncerEvent[] = [];
      const result = await initPgbouncer({
        databaseUrl: cluster.app.url,
        superuserUrl: cluster.superuserUrl,
        replicaUrls: [cluster.app.replicaUrl],
        dir,
        listen: { host: '127.0.0.1', port },
        defaultPoolSize: 3,
        minPoolSize: 0,
        start: true,
        onEvent: (e) => again.push(e),
      });
      expect(result.process).toEqual({ action: 'reloaded', pid });
      expect(again.some((e) => e.type === 'pgbouncer.reloaded')).toBe(true);
      const after = await query<{ p: number }>(c, 'SELECT pg_backend_pid() AS p');
      expect(after.p).toBe(before.p);
      await c.query('COMMIT');
      const poolSize = await eventually(async () => {
        const r = await checkPgbouncer({ dir, databaseUrl: cluster.app.url });
        return r.config.default_pool_size === '3' ? r.config.default_pool_size : undefined;
      }, 50);
      expect(poolSize).toBe('3');
    } finally {
      await c.end();
    }
  });

  it('keeps secrets out of argv, the log, dry-run output and files readable by others', async () => {
    const secrets = secretsOf(dir);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    expect(argv.split('\0')).toContain(join(dir, 'pgbouncer.ini'));
    expectNoSecret(argv, secrets, 'argv');
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    expectNoSecret(environ, secrets, 'environment');
    const log = readFileSync(join(dir, 'pgbouncer.log'), 'utf8');
    expect(log.length).toBeGreaterThan(0);
    expectNoSecret(log, secrets, 'log');
    expectNoSecret(readFileSync(join(dir, 'pgbouncer.ini'), 'utf8'), secrets, 'pgbouncer.ini');
    const dry = await initPgbouncer({
      databaseUrl: cluster.app.url,
      superuserUrl: cluster.superuserUrl,
      dir,
      listen: { host: '127.0.0.1', port },
      dryRun: true,
    });
    const printed = JSON.stringify(dry);
    expect(printed).toContain('SCRAM-SHA-256$<masked>');
    expectNoSecret(printed, secrets, 'dry-run result');
    expectPrivateFiles(dir);
    const ini = readFileSync(join(dir, 'pgbouncer.ini'), 'utf8');
    expect(ini).toMatch(/^listen_addr = 127\.0\.0\.1$/m);
    expect(ini).toContain(`unix_socket_dir = ${dir}`);
  });

  it('stop ends the daemon from its pidfile, and is a no-op afterwards', async () => {
    expect(await stopPgbouncer({ dir })).toEqual({ stopped: true, pid });
    expect(isRunning(pid)).toBe(false);
    expect(await stopPgbouncer({ dir })).toEqual({ stopped: false });
  });
});

describe('pgbouncer with auth_query', () => {
  let dir: string;
  let port: number;

  it('looks the user up through the SECURITY DEFINER function, on the primary and the replica', async () => {
    dir = join(cluster.base, 'pgb-aq');
    port = await findFreePort();
    const events: PgbouncerEvent[] = [];
    const result = await initPgbouncer({
      databaseUrl: cluster.app.url,
      superuserUrl: cluster.superuserUrl,
      replicaUrls: [cluster.app.replicaUrl],
      dir,
      listen: { host: '127.0.0.1', port },
      auth: 'auth-query',
      minPoolSize: 0,
      start: true,
      onEvent: (e) => events.push(e),
    });
    expect(result.process?.action).toBe('started');
    expect(events[0]).toMatchObject({ type: 'pgbouncer.notice', message: expect.stringContaining('SCRAM') });
    expect(events.some((e) => e.type === 'pgbouncer.auth-function-installed' && e.database === 'appdb')).toBe(true);
    const userlist = readFileSync(join(dir, 'userlist.txt'), 'utf8');
    expect(userlist).not.toContain(cluster.app.user);
    expect(userlist).toMatch(/^"catdb_pgbouncer_auth" "/m);

    for (const [alias, recovery] of [['appdb', false], ['appdb_ro', true]] as const) {
      const c = await poolerClient(port, alias);
      try {
        expect(await query<{ r: boolean }>(c, 'SELECT pg_is_in_recovery() AS r')).toEqual({ r: recovery });
      } finally {
        await c.end();
      }
    }
    await expectRefused(poolerClient(port, 'appdb', 'wrong'));
    // Default pool size 20, two pools per server (the app user and the auth user's lookups)
    // against max_connections 40: the guide's 80% rule must flag both servers.
    const check = await checkPgbouncer({ dir, databaseUrl: cluster.app.url });
    expect(check.findings.filter((f) => f.code === 'alias-ok').length).toBe(2);
    expect(check.findings.filter((f) => f.status !== 'OK').map((f) => [f.code, f.status])).toEqual([
      ['capacity', 'CRITICAL'],
      ['capacity', 'CRITICAL'],
    ]);
    expect(check.metrics.capacity.map((c) => [c.planned, c.maxConnections])).toEqual([
      [40, 40],
      [40, 40],
    ]);
    expect(check.exitCode).toBe(2);
    expectPrivateFiles(dir);
  });

  it('installs the function with a pinned search_path, no EXECUTE for PUBLIC, and no superuser secrets', async () => {
    const c = await connect(cluster.superuserUrl.replace(/\/postgres$/, '/appdb'));
    try {
      const fn = await query<{ secdef: boolean; config: string[]; app: boolean; auth: boolean }>(
        c,
        `SELECT p.prosecdef AS secdef, p.proconfig AS config,
                has_function_privilege(${quoteLiteral(cluster.app.user)}, p.oid, 'EXECUTE') AS app,
                has_function_privilege('catdb_pgbouncer_auth', p.oid, 'EXECUTE') AS auth
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'catdb_pgbouncer' AND p.proname = 'user_lookup'`,
      );
      expect(fn).toEqual({ secdef: true, config: ['search_path=pg_catalog, pg_temp'], app: false, auth: true });
      const su = await c.query("SELECT * FROM catdb_pgbouncer.user_lookup('postgres')");
      expect(su.rowCount).toBe(0);
      const role = await query<{ rolsuper: boolean; rolcreaterole: boolean }>(c, "SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = 'catdb_pgbouncer_auth'");
      expect(role).toEqual({ rolsuper: false, rolcreaterole: false });
    } finally {
      await c.end();
    }
  });

  it('stops', async () => {
    expect((await stopPgbouncer({ dir })).stopped).toBe(true);
  });
});
