import { describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import { planHbaEdit, renderHbaLine, validateCidr } from './plan-hba-edit.js';

describe('renderHbaLine', () => {
  it.each([
    ['catdb_replicator', '127.0.0.1/32', 'host    replication    catdb_replicator    127.0.0.1/32    scram-sha-256'],
    ['Repl', '10.0.0.0/8', 'host    replication    "Repl"    10.0.0.0/8    scram-sha-256'],
    ['all', '::1/128', 'host    replication    "all"    ::1/128    scram-sha-256'],
    ['rep-user', 'samenet', 'host    replication    "rep-user"    samenet    scram-sha-256'],
  ])('%s from %s', (user, cidr, line) => {
    expect(renderHbaLine(user, cidr)).toBe(line);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', 'example.com/24', '::1/129', '1.2.3.4/8/2', ''])('rejects --allow-from %j', (cidr) => {
    expect(() => validateCidr(cidr)).toThrow(/prefix length/);
  });

  it('rejects role names that pg_hba.conf cannot quote', () => {
    let caught: unknown;
    try {
      renderHbaLine('a "b"', '127.0.0.1/32');
    } catch (err) {
      caught = err;
    }
    expect(isCatdbError(caught, 'USAGE_INVALID_OPTION')).toBe(true);
  });
});

const LINE = renderHbaLine('repl', '127.0.0.1/32');
const DEFAULT_HBA = [
  '# TYPE  DATABASE        USER            ADDRESS                 METHOD',
  '',
  'local   all             all                                     scram-sha-256',
  'host    replication     all             0.0.0.0/0               reject',
  '',
].join('\n');

describe('planHbaEdit', () => {
  it('inserts the line before the first rule so a later reject cannot shadow it', () => {
    const edit = planHbaEdit(DEFAULT_HBA, LINE);
    expect(edit.present).toBe(false);
    const lines = edit.content.split('\n');
    expect(lines.indexOf(LINE)).toBeGreaterThan(-1);
    expect(lines.indexOf(LINE)).toBeLessThan(lines.findIndex((l) => l.startsWith('local')));
    expect(lines[0]).toBe('# TYPE  DATABASE        USER            ADDRESS                 METHOD');
  });

  it('is idempotent: a second pass finds the line', () => {
    const once = planHbaEdit(DEFAULT_HBA, LINE).content;
    expect(planHbaEdit(once, LINE)).toEqual({ present: true, content: once });
  });

  it.each([
    ['other spacing', 'host replication repl 127.0.0.1/32 scram-sha-256'],
    ['a quoted user and a trailing comment', 'host\treplication\t"repl"\t127.0.0.1/32\tscram-sha-256   # ours'],
  ])('recognises an equivalent line with %s', (_name, existing) => {
    const content = `${existing}\n`;
    expect(planHbaEdit(content, LINE)).toEqual({ present: true, content });
  });

  it.each([
    ['another address', 'host replication repl 10.0.0.0/8 scram-sha-256'],
    ['md5', 'host replication repl 127.0.0.1/32 md5'],
    ['a commented-out copy', '# host replication repl 127.0.0.1/32 scram-sha-256'],
  ])('does not mistake %s for the line', (_name, existing) => {
    expect(planHbaEdit(`${existing}\n`, LINE).present).toBe(false);
  });

  it('handles an empty file', () => {
    expect(planHbaEdit('', LINE).content).toBe(`# Added by catdb replica prepare-primary\n${LINE}\n`);
  });
});
