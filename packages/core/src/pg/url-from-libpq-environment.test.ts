import { describe, expect, it } from 'vitest';
import { urlFromLibpqEnvironment } from './url-from-libpq-environment.js';
import { environmentPassword, userApplicationName, withLibpqEnvironment } from './libpq-environment.js';

describe('urlFromLibpqEnvironment', () => {
  it.each([
    [{}, undefined],
    [{ PGUSER: 'app', PGPORT: '5433' }, undefined],
    [{ PGHOST: 'db.example.com' }, 'postgres://db.example.com/'],
    [{ PGHOST: 'db.example.com', PGPORT: '5433', PGUSER: 'app', PGDATABASE: 'shop' }, 'postgres://app@db.example.com:5433/shop'],
    [{ PGDATABASE: 'shop' }, 'postgres://localhost/shop'],
    [{ PGHOST: 'db', PGUSER: 'app' }, 'postgres://app@db/app'],
    [{ PGHOST: 'db', PGUSER: 'a@b', PGDATABASE: 'my db' }, 'postgres://a%40b@db/my%20db'],
    [{ PGHOST: '/var/run/postgresql', PGPORT: '5433', PGDATABASE: 'shop' }, 'postgres:///shop?host=%2Fvar%2Frun%2Fpostgresql&port=5433'],
  ] as [NodeJS.ProcessEnv, string | undefined][])('%o → %s', (env, url) => {
    expect(urlFromLibpqEnvironment(env)).toBe(url);
  });

  it.each(['0', '65536', 'x', '54 32'])('refuses PGPORT=%s naming PGPORT', (port) => {
    expect(() => urlFromLibpqEnvironment({ PGHOST: 'db', PGPORT: port })).toThrow(expect.objectContaining({ code: 'USAGE_INVALID_URL', message: expect.stringContaining('PGPORT') }));
  });
});

describe('libpq environment defaults', () => {
  it('PGSSLMODE and PGSSLROOTCERT fill in only what the URL lacks', () => {
    expect(withLibpqEnvironment('postgres://db/app', { PGSSLMODE: 'require' })).toBe('postgres://db/app?sslmode=require');
    expect(withLibpqEnvironment('postgres://db/app?sslmode=disable', { PGSSLMODE: 'require' })).toBe('postgres://db/app?sslmode=disable');
    expect(withLibpqEnvironment('postgres://db/app', { PGSSLROOTCERT: '/etc/ca.pem' })).toBe('postgres://db/app?sslrootcert=%2Fetc%2Fca.pem');
    expect(withLibpqEnvironment('postgres://db/app', {})).toBe('postgres://db/app');
  });

  it('PGAPPNAME names the session unless the URL does; PGPASSWORD only when set and non-empty', () => {
    expect(userApplicationName({}, { PGAPPNAME: 'billing' })).toBe('billing');
    expect(userApplicationName({ application_name: 'from-url' }, { PGAPPNAME: 'billing' })).toBe('from-url');
    expect(userApplicationName({}, {})).toBeUndefined();
    expect(environmentPassword({ PGPASSWORD: '' })).toBeUndefined();
    expect(environmentPassword({ PGPASSWORD: 'pw' })).toBe('pw');
  });
});
