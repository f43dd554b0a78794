import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chownTo, findFreePort, findPgBinDir, serverOsUser, writePgpassFile, stopStandbyServer } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { queryUrl } from '../support/test-server.js';

// A scratch cluster of Debian's postgresql-common: config under /etc/postgresql/<ver>/<name>/,
// data under /var/lib/postgresql/<ver>/<name>. Only this cluster is ever created or dropped.
const version = /(\d+)/.exec(execFileSync(join(findPgBinDir(), 'postgres'), ['--version'], { encoding: 'utf8' }).replace(/^[^)]*\)/, ''))![1]!;
const cluster = `catdb_${randomBytes(4).toString('hex')}`;
const base = mkdtempSync(join(tmpdir(), 'catdb-debian-'));
chmodSync(base, 0o755);
const standbyDataDir = join(base, 'standby', 'data');
let port: number;
let url: string;
let created = false;

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(async () => {
  if (!existsSync('/usr/bin/pg_createcluster')) throw new Error('pg_createcluster (postgresql-common) is not installed: this test needs it');
  port = await findFreePort();
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(base, 'pw');
  writeFileSync(pwfile, password + '\n', { mode: 0o600 });
  chownTo(pwfile, serverOsUser());
  run('pg_createcluster', [version, cluster, '-p', String(port), '--', `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=peer']);
  created = true;
  rmSync(pwfile);
  run('pg_ctlcluster', [version, cluster, 'start']);
  const passfile = join(base, 'pgpass');
  writePgpassFile(passfile, [{ host: '127.0.0.1', port: '*', database: '*', user: 'postgres', password }]);
  url = `postgres://postgres@127.0.0.1:${port}/postgres?passfile=${passfile}`;
}, 120_000);

afterAll(async () => {
  await stopStandbyServer(findPgBinDir(), standbyDataDir, serverOsUser(), 'immediate').catch(() => {});
  if (created) run('pg_dropcluster', [version, cluster, '--stop']);
  rmSync(base, { recursive: true, force: true });
});

describe('a Debian-layout primary (pg_createcluster)', () => {
  it('keeps its configuration outside the data directory', async () => {
    expect(await queryUrl(url, "select current_setting('config_file') as conf, current_setting('hba_file') as hba")).toEqual([
      { conf: `/etc/postgresql/${version}/${cluster}/postgresql.conf`, hba: `/etc/postgresql/${version}/${cluster}/pg_hba.conf` },
    ]);
  });

  it('prepare-primary edits the hba file where it really is, keeping its owner and mode', async () => {
    const hba = `/etc/postgresql/${version}/${cluster}/pg_hba.conf`;
    const before = execFileSync('stat', ['-c', '%U:%G %a', hba], { encoding: 'utf8' });
    const prep = await runCli(['replica', 'prepare-primary', '--primary', url, '--password-file', join(base, 'secrets', 'replicator.password'), '--allow-from', '127.0.0.1/32', '--json']);
    expect(prep.code, prep.stdout + prep.stderr).toBe(0);
    const result = prep.events.find((e) => e.type === 'result') as { hbaBackup: string };
    expect(result.hbaBackup).toBe(`${hba}.bak`);
    expect(readFileSync(result.hbaBackup, 'utf8')).not.toMatch(/catdb_replicator/);
    expect(readFileSync(hba, 'utf8')).toMatch(/^host\s+replication\s+catdb_replicator\s+127\.0\.0\.1\/32\s+scram-sha-256/m);
    expect(execFileSync('stat', ['-c', '%U:%G %a', hba], { encoding: 'utf8' })).toBe(before);
    expect(await queryUrl(url, "select count(*)::int as n from pg_hba_file_rules where 'replication' = any(database) and 'catdb_replicator' = any(user_name) and error is null")).toEqual([{ n: 1 }]);
  });

  it('replica init makes a standby whose configuration is its own, and it streams', async () => {
    const init = await runCli(['replica', 'init', '--primary', url, '--data-dir', standbyDataDir, '--password-file', join(base, 'secrets', 'replicator.password'), '--start', '--json'], { timeoutMs: 240_000 });
    expect(init.code, init.stdout + init.stderr).toBe(0);
    const check = init.events.find((e) => e.type === 'replica.check' && (e.check as { name: string }).name === 'primary configuration') as { check: { ok: boolean; detail: string } };
    expect(check.check).toMatchObject({ ok: true, detail: expect.stringMatching(/outside its data directory/) });
    const result = init.events.find((e) => e.type === 'result') as { standbyUrl: string; streaming: unknown };
    expect(result.streaming).not.toBeNull();

    const conf = readFileSync(join(standbyDataDir, 'postgresql.conf'), 'utf8');
    expect(conf).not.toMatch(/^(data_directory|hba_file|ident_file|external_pid_file|port|cluster_name)\s*=/m);
    expect(existsSync(join(standbyDataDir, 'pg_hba.conf'))).toBe(true);
    expect(await queryUrl(result.standbyUrl, "select current_setting('config_file') as conf, current_setting('hba_file') as hba, pg_is_in_recovery() as r")).toEqual([
      { conf: join(standbyDataDir, 'postgresql.conf'), hba: join(standbyDataDir, 'pg_hba.conf'), r: true },
    ]);
    // The primary's settings came along (Debian sets these in its postgresql.conf).
    const [primary] = await queryUrl<{ s: string }>(url, "select current_setting('shared_buffers') || ' ' || current_setting('unix_socket_directories') as s");
    expect(await queryUrl(result.standbyUrl, "select current_setting('shared_buffers') || ' ' || current_setting('unix_socket_directories') as s")).toEqual([primary]);
  });
});
