import { describe, expect, it } from 'vitest';
import { planPreparePrimary, settingBytes, type PrimaryFacts } from './plan-prepare-primary.js';

const ready: PrimaryFacts = {
  settings: {
    wal_level: { setting: 'replica', unit: null, context: 'postmaster' },
    max_wal_senders: { setting: '10', unit: null, context: 'postmaster' },
    max_replication_slots: { setting: '10', unit: null, context: 'postmaster' },
    max_slot_wal_keep_size: { setting: '1024', unit: 'MB', context: 'sighup' },
  },
  role: { exists: true, replication: true, login: true, verifier: 'SCRAM-SHA-256$…' },
  hba: { file: '/data/pg_hba.conf', local: true, writable: true, hasLine: true },
};
const opts = { replicationUser: 'rep', hbaLine: 'host replication rep 127.0.0.1/32 scram-sha-256', minWalSenders: 10, minReplicationSlots: 10, passwordMatches: true, maxSlotWalKeepSize: '1GB' };
const applied = (facts: PrimaryFacts, o = opts) => planPreparePrimary(facts, o).filter((a) => a.apply);

describe('planPreparePrimary', () => {
  it('changes nothing on a ready primary (idempotent re-run)', () => {
    expect(applied(ready)).toEqual([]);
  });

  it('raises wal_level, senders and slots and says a restart is needed', () => {
    const facts: PrimaryFacts = {
      ...ready,
      settings: { ...ready.settings, wal_level: { setting: 'minimal', unit: null, context: 'postmaster' }, max_wal_senders: { setting: '0', unit: null, context: 'postmaster' }, max_replication_slots: { setting: '4', unit: null, context: 'postmaster' } },
    };
    const actions = applied(facts);
    expect(actions.map((a) => a.kind === 'setting' && [a.name, a.target, a.needsRestart])).toEqual([
      ['wal_level', 'replica', true],
      ['max_wal_senders', '10', true],
      ['max_replication_slots', '10', true],
    ]);
  });

  it('never lowers settings and keeps wal_level=logical', () => {
    const facts: PrimaryFacts = { ...ready, settings: { ...ready.settings, wal_level: { setting: 'logical', unit: null, context: 'postmaster' }, max_wal_senders: { setting: '50', unit: null, context: 'postmaster' } } };
    expect(applied(facts)).toEqual([]);
  });

  it('sets max_slot_wal_keep_size with a reload only, comparing sizes not spellings', () => {
    expect(applied(ready, { ...opts, maxSlotWalKeepSize: '1024MB' })).toEqual([]);
    const actions = applied(ready, { ...opts, maxSlotWalKeepSize: '10GB' });
    expect(actions).toEqual([
      { kind: 'setting', name: 'max_slot_wal_keep_size', current: '1024MB', target: '10GB', apply: true, needsRestart: false },
      { kind: 'reload', apply: true },
    ]);
  });

  it('warns about an unlimited max_slot_wal_keep_size without changing it', () => {
    const facts: PrimaryFacts = { ...ready, settings: { ...ready.settings, max_slot_wal_keep_size: { setting: '-1', unit: 'MB', context: 'sighup' } } };
    const keep = planPreparePrimary(facts, { ...opts, maxSlotWalKeepSize: undefined }).find((a) => a.kind === 'setting' && a.name === 'max_slot_wal_keep_size');
    expect(keep).toMatchObject({ apply: false, note: expect.stringContaining('fill the disk') });
  });

  it('creates a missing role; an existing one keeps its password but gains missing attributes', () => {
    expect(applied({ ...ready, role: { exists: false, replication: false, login: false, verifier: null } })).toEqual([{ kind: 'create-role', role: 'rep', apply: true }]);
    const actions = planPreparePrimary({ ...ready, role: { exists: true, replication: false, login: true, verifier: null } }, { ...opts, passwordMatches: null });
    expect(actions.filter((a) => a.kind.startsWith('role'))).toEqual([
      { kind: 'role-exists', role: 'rep', passwordMatches: null, apply: false },
      { kind: 'role-attributes', role: 'rep', missing: ['REPLICATION'], apply: true },
    ]);
    expect(actions.some((a) => a.kind === 'create-role')).toBe(false);
  });

  it('adds the hba line and reloads when the file is local and writable, else only shows it', () => {
    expect(applied({ ...ready, hba: { ...ready.hba, hasLine: false } }).map((a) => a.kind)).toEqual(['hba', 'reload']);
    const remote = planPreparePrimary({ ...ready, hba: { file: '/etc/pg_hba.conf', local: false, writable: false, hasLine: false, reason: 'not on this machine' } }, opts);
    expect(remote.find((a) => a.kind === 'hba')).toEqual({ kind: 'hba', file: '/etc/pg_hba.conf', line: opts.hbaLine, apply: false, writable: false, reason: 'not on this machine' });
    expect(remote.find((a) => a.kind === 'reload')).toEqual({ kind: 'reload', apply: false });
  });
});

describe('settingBytes', () => {
  it.each([
    ['-1', 'MB', -1n],
    ['1024', 'MB', 1024n ** 3n],
    ['64', '8kB', 64n * 8n * 1024n],
    ['10GB', 'MB', 10n * 1024n ** 3n],
    ['512kB', 'MB', 512n * 1024n],
    ['lots', 'MB', undefined],
  ])('%s (%s) → %s', (value, unit, bytes) => {
    expect(settingBytes(value, unit)).toBe(bytes);
  });
});
