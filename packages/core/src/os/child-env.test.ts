import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { childEnv } from './child-env.js';

const CALLER = {
  PATH: '/opt/pg/bin:relative/bin::.:/usr/bin',
  PGPASSWORD: 'hunter2',
  PGHOST: 'elsewhere',
  DATABASE_URL: 'postgres://app:hunter2@db/app',
  SOME_URL: 'postgres://u:hunter2@h/db',
  AWS_SECRET_ACCESS_KEY: 'hunter2',
  HOME: '/home/caller',
  USER: 'caller',
  LANG: 'fr_FR.UTF-8',
  LC_MESSAGES: 'de_DE.UTF-8',
  NODE_OPTIONS: '--require /tmp/x.js',
  LD_PRELOAD: '/tmp/x.so',
  TZ: 'Europe/Paris',
};

describe('childEnv', () => {
  it('is built from nothing: only PATH (absolute folders), LC_ALL, TZ and the OS user it runs as', () => {
    const env = childEnv({ user: { name: 'postgres', uid: 101, gid: 104, home: '/var/lib/postgresql' } }, CALLER);
    expect(env).toEqual({ PATH: '/opt/pg/bin:/usr/bin', LC_ALL: 'C', TZ: 'Europe/Paris', HOME: '/var/lib/postgresql', USER: 'postgres', LOGNAME: 'postgres' });
    expect(JSON.stringify(env)).not.toContain('hunter2');
  });

  it('takes HOME and USER from the passwd entry of the current user, not from the caller environment', () => {
    const env = childEnv({}, CALLER);
    expect(env.HOME).toBe(userInfo().homedir);
    expect(env.USER).toBe(userInfo().username);
    expect(Object.keys(env).sort()).toEqual(['HOME', 'LC_ALL', 'LOGNAME', 'PATH', 'TZ', 'USER']);
  });

  it('falls back to a standard PATH and leaves TZ out when the caller has none', () => {
    const env = childEnv({ user: { name: 'postgres', uid: 1, gid: 1, home: '/' } }, { PATH: 'bin:.', PGPASSFILE: '/home/caller/.pgpass' });
    expect(env.PATH).toBe('/usr/local/bin:/usr/bin:/bin');
    expect(env).not.toHaveProperty('TZ');
    expect(env).not.toHaveProperty('PGPASSFILE');
  });

  it('sets PGPASSFILE only to a passfile it is given', () => {
    expect(childEnv({ passfile: '/srv/pg/pgpass' }, CALLER).PGPASSFILE).toBe('/srv/pg/pgpass');
  });
});
