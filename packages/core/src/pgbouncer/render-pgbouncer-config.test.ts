import { describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import { renderPgbouncerConfig, type PgbouncerConfigInput } from './render-pgbouncer-config.js';
import { parsePgbouncerIni } from './parse-pgbouncer-ini.js';
import { parseUserlist } from './render-userlist.js';

const SCRAM = 'SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0c2FsdA==$c3RvcmVka2V5c3RvcmVka2V5c3RvcmVka2V5c3RvcmU=:c2VydmVya2V5c2VydmVya2V5c2VydmVya2V5c2VydmU=';
const ADMIN = 'SCRAM-SHA-256$4096:YWRtaW5zYWx0YWRtaW5zYQ==$YWRtaW5zdG9yZWRrZXlhZG1pbnN0b3JlZGtleWFkbWk=:YWRtaW5zZXJ2ZXJrZXlhZG1pbnNlcnZlcmtleWFkbWk=';

function input(overrides: Partial<PgbouncerConfigInput> = {}): PgbouncerConfigInput {
  return {
    dir: '/srv/pgb',
    listen: { host: '127.0.0.1', port: 6432 },
    poolMode: 'transaction',
    maxClientConn: 1000,
    defaultPoolSize: 20,
    minPoolSize: 5,
    reservePoolSize: 0,
    databases: [
      { alias: 'app', role: 'primary', host: '10.0.0.1', port: 5432, dbname: 'app' },
      { alias: 'app_ro', role: 'replica', host: '10.0.0.2', port: 5432, dbname: 'app' },
    ],
    admin: { user: 'pgbouncer_admin', secret: ADMIN },
    auth: { mode: 'passthrough', users: [{ user: 'app', secret: SCRAM }] },
    ...overrides,
  };
}

function render(i: PgbouncerConfigInput, mask = false) {
  const [ini, userlist] = renderPgbouncerConfig(i, { mask });
  return { ini: ini!, userlist: userlist!, parsed: parsePgbouncerIni(ini!.content) };
}

describe('renderPgbouncerConfig', () => {
  it('writes databases, safe defaults and paths inside the folder', () => {
    const { ini, userlist, parsed } = render(input());
    expect(ini.name).toBe('pgbouncer.ini');
    expect(ini.mode).toBe(0o600);
    expect(userlist.mode).toBe(0o600);
    expect(parsed.databases).toEqual({ app: 'host=10.0.0.1 port=5432 dbname=app', app_ro: 'host=10.0.0.2 port=5432 dbname=app' });
    expect(parsed.pgbouncer).toMatchObject({
      listen_addr: '127.0.0.1',
      listen_port: '6432',
      unix_socket_dir: '/srv/pgb',
      pidfile: '/srv/pgb/pgbouncer.pid',
      logfile: '/srv/pgb/pgbouncer.log',
      auth_file: '/srv/pgb/userlist.txt',
      auth_type: 'scram-sha-256',
      admin_users: 'pgbouncer_admin',
      stats_users: 'pgbouncer_admin',
      pool_mode: 'transaction',
      max_client_conn: '1000',
      default_pool_size: '20',
      min_pool_size: '5',
    });
    expect(parsed.pgbouncer!.auth_user).toBeUndefined();
  });

  it('never puts a secret in pgbouncer.ini', () => {
    const { ini } = render(input());
    expect(ini.content).not.toContain('SCRAM-SHA-256$');
    expect(ini.content).not.toMatch(/password=/);
  });

  it.each([
    ['unmasked', false, [['app', SCRAM], ['pgbouncer_admin', ADMIN]]],
    ['masked', true, [['app', 'SCRAM-SHA-256$<masked>'], ['pgbouncer_admin', 'SCRAM-SHA-256$<masked>']]],
  ] as const)('userlist %s', (_name, mask, expected) => {
    const { userlist } = render(input(), mask);
    expect(parseUserlist(userlist.content).map((e) => [e.user, e.secret])).toEqual(expected);
  });

  it('auth-query mode: auth_user and auth_query in the ini, only the auth user and admin in the userlist', () => {
    const { parsed, userlist } = render(
      input({ auth: { mode: 'auth-query', authUser: { user: 'catdb_pgbouncer_auth', secret: 'generated-pw' }, authQuery: 'SELECT usename, passwd FROM "s"."f"($1)' } }),
    );
    expect(parsed.pgbouncer).toMatchObject({ auth_user: 'catdb_pgbouncer_auth', auth_query: 'SELECT usename, passwd FROM "s"."f"($1)', auth_type: 'scram-sha-256' });
    expect(parseUserlist(userlist.content).map((e) => e.user)).toEqual(['catdb_pgbouncer_auth', 'pgbouncer_admin']);
    const masked = render(input({ auth: { mode: 'auth-query', authUser: { user: 'catdb_pgbouncer_auth', secret: 'generated-pw' }, authQuery: 'q' } }), true);
    expect(masked.userlist.content).not.toContain('generated-pw');
    expect(masked.userlist.content).toContain('"catdb_pgbouncer_auth" "<masked password>"');
  });

  it('switches to auth_type md5 when the pooled user only has an md5 hash', () => {
    const { parsed } = render(input({ auth: { mode: 'passthrough', users: [{ user: 'app', secret: 'md5' + '0'.repeat(32) }] } }));
    expect(parsed.pgbouncer!.auth_type).toBe('md5');
  });

  it('doubles quotes in user names of the userlist', () => {
    const { userlist } = render(input({ auth: { mode: 'passthrough', users: [{ user: 'we"ird', secret: SCRAM }] } }));
    expect(userlist.content.split('\n')[0]).toBe(`"we""ird" "${SCRAM}"`);
    expect(parseUserlist(userlist.content)[0]!.user).toBe('we"ird');
  });

  it.each<[string, Partial<PgbouncerConfigInput>, string]>([
    ['alias with a space', { databases: [{ alias: 'my app', role: 'primary', host: 'h', port: 1, dbname: 'app' }] }, 'PGBOUNCER_CONFIG'],
    ['dbname with a quote', { databases: [{ alias: 'a', role: 'primary', host: 'h', port: 1, dbname: "x'y" }] }, 'PGBOUNCER_CONFIG'],
    ['reserved alias', { databases: [{ alias: 'pgbouncer', role: 'primary', host: 'h', port: 1, dbname: 'x' }] }, 'PGBOUNCER_CONFIG'],
    ['duplicate alias', { databases: [{ alias: 'a', role: 'primary', host: 'h', port: 1, dbname: 'x' }, { alias: 'a', role: 'replica', host: 'h', port: 2, dbname: 'x' }] }, 'PGBOUNCER_CONFIG'],
    ['no database', { databases: [] }, 'PGBOUNCER_CONFIG'],
    ['admin user clashes with pooled user', { admin: { user: 'app', secret: ADMIN } }, 'PGBOUNCER_CONFIG'],
    ['pool size 0', { defaultPoolSize: 0 }, 'USAGE_INVALID_OPTION'],
    ['min above default', { minPoolSize: 30 }, 'USAGE_INVALID_OPTION'],
    ['fractional size', { maxClientConn: 1.5 }, 'USAGE_INVALID_OPTION'],
    ['port out of range', { listen: { host: '127.0.0.1', port: 70000 } }, 'USAGE_INVALID_OPTION'],
    ['listen address with a newline', { listen: { host: '127.0.0.1\nadmin_users = x', port: 6432 } }, 'PGBOUNCER_CONFIG'],
    ['folder with a newline', { dir: '/srv/pgb\nauth_type = trust' }, 'USAGE_INVALID_PATH'],
  ])('refuses %s', (_name, overrides, code) => {
    let error: unknown;
    try {
      renderPgbouncerConfig(input(overrides));
    } catch (err) {
      error = err;
    }
    expect(isCatdbError(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
  });
});
