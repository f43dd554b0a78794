import { describe, expect, it } from 'vitest';
import { renderScramVerifier } from '../scram/render-scram-verifier.js';
import { planPgbouncerInit, type PgbouncerInitSettings } from './plan-pgbouncer-init.js';
import type { PgbouncerFacts } from './read-pgbouncer-facts.js';

const settings: PgbouncerInitSettings = {
  dir: '/srv/pgbouncer',
  auth: 'passthrough',
  listen: { host: '127.0.0.1', port: 6432 },
  poolMode: 'transaction',
  pool: { sizes: { maxClientConn: 1000, defaultPoolSize: 20, minPoolSize: 5, reservePoolSize: 0 }, notes: [] },
  adminUser: 'pgbouncer_admin',
  authUser: 'catdb_pgbouncer_auth',
  primary: { host: 'db', port: 5432, database: 'shop', user: 'app', password: undefined },
  replicas: [{ host: 'db2', port: 5432, database: 'shop', user: 'other', password: undefined }],
  fresh: { adminPassword: 'fresh-admin', authPassword: 'fresh-auth', adminSalt: Buffer.alloc(16, 1), authSalt: Buffer.alloc(16, 2) },
};
const scram = renderScramVerifier('app-password', Buffer.alloc(16, 3));
const facts = (over: Partial<PgbouncerFacts> = {}): PgbouncerFacts => ({
  inspection: { state: 'absent' } as unknown as PgbouncerFacts['inspection'],
  oldEntries: [],
  oldAdminPassword: undefined,
  pooledRole: { mode: 'passthrough', secret: { user: 'app', secret: scram, secretType: 'scram-sha-256', superuser: false } },
  running: undefined,
  ...over,
});
const userlist = (plan: ReturnType<typeof planPgbouncerInit>) => plan.files.find((f) => f.name === 'userlist.txt')!.content;

describe('planPgbouncerInit', () => {
  it('passes the pooled secret through, aliases the replica and warns about its user', () => {
    const plan = planPgbouncerInit(facts(), settings);
    expect(plan.databases.map((d) => d.alias)).toEqual(['shop', 'shop_ro']);
    expect(plan.events.map((e) => e.type)).toEqual(['pgbouncer.notice', 'pgbouncer.secret-read']);
    expect(userlist(plan)).toContain(`"app" "${scram}"`);
    expect(plan.refusal).toBeUndefined();
    expect(plan.sql).toEqual([]);
    expect(JSON.stringify(plan.masked)).not.toContain(scram);
  });

  it('keeps the admin verifier of an earlier run when the stored password still matches it, and makes a new one otherwise', () => {
    const old = renderScramVerifier('kept-admin', Buffer.alloc(16, 4));
    const kept = planPgbouncerInit(facts({ oldAdminPassword: 'kept-admin', oldEntries: [{ user: 'pgbouncer_admin', secret: old }] }), settings);
    expect(userlist(kept)).toContain(old);
    expect(kept.adminPassword).toBe('kept-admin');
    const fresh = planPgbouncerInit(facts({ oldAdminPassword: 'changed', oldEntries: [{ user: 'pgbouncer_admin', secret: old }] }), settings);
    expect(userlist(fresh)).toContain(renderScramVerifier('changed', Buffer.alloc(16, 1)));
  });

  it.each([
    [{ exists: false, superuser: false }, /does not exist/],
    [{ exists: true, superuser: true }, /superuser/],
  ])('refuses an auth-query pool for %j', (role, message) => {
    const plan = planPgbouncerInit(facts({ pooledRole: { mode: 'auth-query', ...role } }), { ...settings, auth: 'auth-query' });
    expect(plan.refusal?.message).toMatch(message);
  });

  it('plans the auth role and lookup function for auth-query, with the verifier masked in the SQL', () => {
    const plan = planPgbouncerInit(facts({ pooledRole: { mode: 'auth-query', exists: true, superuser: false } }), { ...settings, auth: 'auth-query' });
    expect(plan.refusal).toBeUndefined();
    expect(plan.authSecret?.password).toBe('fresh-auth');
    expect(plan.sql.join('\n')).not.toContain(plan.authSecret!.verifier);
    expect(plan.sql).toContain('-- in database shop');
  });

  it('names a reload conflict when a running PgBouncer listens elsewhere', () => {
    expect(planPgbouncerInit(facts({ running: { pid: 42, listen: '127.0.0.1:6432' } }), settings).reloadConflict).toBeUndefined();
    expect(planPgbouncerInit(facts({ running: { pid: 42, listen: '0.0.0.0:7000' } }), settings).reloadConflict?.message).toMatch(/listens on 0.0.0.0:7000/);
  });
});
