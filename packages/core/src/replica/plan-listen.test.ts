import { describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import { planListen } from './plan-listen.js';

describe('planListen', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1', '127.0.0.1'],
    ['*', '*', '127.0.0.1'],
    ['0.0.0.0', '0.0.0.0', '127.0.0.1'],
    ['10.0.0.5, 127.0.0.1', '10.0.0.5,127.0.0.1', '127.0.0.1'],
    ['10.0.0.5', '10.0.0.5', '10.0.0.5'],
    ['127.0.0.2', '127.0.0.2', '127.0.0.2'],
    ['db-standby.internal', 'db-standby.internal', 'db-standby.internal'],
    ['::', '::', '[::1]'],
    ['fe80::1%eth0', 'fe80::1%eth0', '[fe80::1%eth0]'],
  ])('%j listens on %j and is reached at %s', (listen, addresses, host) => {
    expect(planListen(listen)).toEqual({ listenAddresses: addresses, connectHost: host });
  });

  it.each(['', ' ', '127.0.0.1,', "127.0.0.1' port=1", '127.0.0.1\nfsync=off', 'a b'])('refuses %j', (listen) => {
    let caught: unknown;
    try {
      planListen(listen);
    } catch (err) {
      caught = err;
    }
    expect(isCatdbError(caught, 'USAGE_INVALID_OPTION')).toBe(true);
  });
});
