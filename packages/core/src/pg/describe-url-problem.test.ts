import { describe, expect, it } from 'vitest';
import { describeUrlProblem } from './describe-url-problem.js';

describe('describeUrlProblem', () => {
  it.each([
    ['postgres://app@db.example.com:5432/app', undefined],
    ['postgresql://app@[::1]:5432/app', undefined],
    ['postgres:///app?host=/var/run/postgresql', undefined],
    ['postgres://app:p%40ss@db/app', undefined],
    ['db.example.com/app', 'it does not start with postgres:// or postgresql://'],
    ['app:secret@db/app', 'it does not start with postgres:// or postgresql://'],
    ['mysql://app@db/app', 'the scheme is mysql:, not postgres:// or postgresql://'],
    ['postgres:/app@db/app', 'postgres: must be followed by // (postgres://host/database)'],
    ['postgres://app@db:99999/app', 'the port 99999 is out of range (1–65535)'],
    ['postgres://app@db:0/app', 'the port 0 is out of range (1–65535)'],
    ['postgres://app@db:54x/app', 'the port "54x" is not a number'],
    ['postgres://app@db name/app', 'the host is not a host name or address (percent-encode a socket folder as %2F…)'],
    ['postgres://a%zzb@db/app', 'the user name has a % that is not followed by two hex digits (write % as %25)'],
    ['postgres://app@db/a%zz', 'the database name has a % that is not followed by two hex digits (write % as %25)'],
  ])('%s → %s', (url, problem) => {
    expect(describeUrlProblem(url)).toBe(problem);
  });

  it('never reads an unencoded / in the password as the end of the host', () => {
    expect(describeUrlProblem('postgres://app:99999/x@db:99999/app')).toBe('the port 99999 is out of range (1–65535)');
    expect(describeUrlProblem('postgres://app:ab/cd@db:1/app')).toMatch(/^it cannot be read as a URL \(percent-encode reserved characters/);
    expect(describeUrlProblem('postgres://app:se/cret@db:x/app')).toBe('the port "x" is not a number');
  });

  it('never repeats the password, even where the password is the problem', () => {
    const problem = describeUrlProblem('postgres://app:s3cr%zzet@db/app');
    expect(problem).toMatch(/^the password has a %/);
    expect(problem).not.toContain('s3cr');
  });
});
