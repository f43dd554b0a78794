import { describe, expect, it } from 'vitest';
import { planRepoint } from './plan-repoint.js';
import type { PgbouncerState } from './types.js';

const state: PgbouncerState = {
  version: 1,
  auth: 'passthrough',
  listen: { host: '127.0.0.1', port: 6432 },
  adminUser: 'catdb_pgbouncer_admin',
  pooledUser: 'app',
  databases: [
    { alias: 'app', role: 'primary', host: '10.0.0.1', port: 5432, dbname: 'app' },
    { alias: 'app_ro', role: 'replica', host: '10.0.0.2', port: 5433, dbname: 'app' },
  ],
};
const ini = ['[databases]', 'app = host=10.0.0.1 port=5432 dbname=app', 'app_ro = host=10.0.0.2 port=5433 dbname=app', '', '[pgbouncer]', 'listen_port = 6432', ''].join('\n');

describe('planRepoint', () => {
  it('moves only the primary alias, keeping dbname, the read-only alias and [pgbouncer]', () => {
    const plan = planRepoint(ini, state, { host: '10.0.0.2', port: 5433 });
    expect(plan.ini.split('\n')).toEqual(['[databases]', 'app = host=10.0.0.2 port=5433 dbname=app', 'app_ro = host=10.0.0.2 port=5433 dbname=app', '', '[pgbouncer]', 'listen_port = 6432', '']);
    expect(plan.state.databases[0]).toEqual({ alias: 'app', role: 'primary', host: '10.0.0.2', port: 5433, dbname: 'app' });
    expect(plan.state.databases[1]).toEqual(state.databases[1]);
    expect(plan).toMatchObject({ aliases: ['app'], changed: true });
  });

  it('changes nothing when the alias already leads there', () => {
    const plan = planRepoint(ini, state, { host: '10.0.0.1', port: 5432 });
    expect(plan.changed).toBe(false);
    expect(plan.ini).toBe(ini);
  });

  it('leaves a key named like an alias outside [databases] alone', () => {
    const text = ini.replace('listen_port = 6432', 'app = host=10.0.0.1 port=5432');
    const plan = planRepoint(text, state, { host: '10.0.0.3', port: 5432 });
    expect(plan.ini).toContain('[pgbouncer]\napp = host=10.0.0.1 port=5432');
    expect(plan.ini).toContain('[databases]\napp = host=10.0.0.3 port=5432 dbname=app');
  });

  it.each([
    ['a newline in the host', { host: '10.0.0.3\nauth_type = trust', port: 5432 }],
    ['a space in the host', { host: 'a b', port: 5432 }],
    ['port 0', { host: '10.0.0.3', port: 0 }],
  ])('refuses %s', (_what, to) => {
    expect(() => planRepoint(ini, state, to)).toThrow(expect.objectContaining({ code: 'PGBOUNCER_CONFIG' }));
  });

  it('refuses an ini that lost the primary entry', () => {
    expect(() => planRepoint(ini.replace(/^app = .*\n/m, ''), state, { host: 'x', port: 1 })).toThrow(/no \[databases\] entry for app/);
  });
});
