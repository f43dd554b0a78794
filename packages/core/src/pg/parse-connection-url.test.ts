import { describe, expect, it } from 'vitest';
import { parseConnectionUrl } from './parse-connection-url.js';

describe('parseConnectionUrl', () => {
  it.each([
    ['postgres://app:p%40ss%3Aw%2Frd%25@db.internal:5433/shop', { host: 'db.internal', port: 5433, database: 'shop', user: 'app', password: 'p@ss:w/rd%' }],
    ['postgresql://app@127.0.0.1/shop', { host: '127.0.0.1', port: 5432, database: 'shop', user: 'app', password: undefined }],
    ['postgres://app:pw@[::1]:6000/shop', { host: '::1', port: 6000, database: 'shop', user: 'app', password: 'pw' }],
    ['postgres://app:pw@localhost/shop?host=/var/run/postgresql&port=5444', { host: '/var/run/postgresql', port: 5444, database: 'shop', user: 'app', password: 'pw' }],
    ['postgres://us%20er:pw@h/my%20db', { host: 'h', port: 5432, database: 'my db', user: 'us er', password: 'pw' }],
    ['postgres://app:pw@h', { host: 'h', port: 5432, database: 'app', user: 'app', password: 'pw' }],
    ['postgres:///shop', { host: 'localhost', port: 5432, database: 'shop', user: process.env.PGUSER || 'postgres', password: undefined }],
    ['postgresql://%2Ftmp/shop', { host: '/tmp', port: 5432, database: 'shop', user: process.env.PGUSER || 'postgres', password: undefined }],
    ['postgres://app:@h/shop', { host: 'h', port: 5432, database: 'shop', user: 'app', password: undefined }],
  ])('%s', (url, expected) => {
    expect(parseConnectionUrl(url)).toEqual(expected);
  });

  it.each(['mysql://a:b@h/d', 'not a url', 'postgres://a:%ZZ@h/d', 'postgres://a:b@h:99999/d'])('refuses %s without echoing the password', (url) => {
    let message = '';
    try {
      parseConnectionUrl(url);
    } catch (err) {
      message = (err as Error).message;
      expect((err as { code: string }).code).toBe('USAGE_INVALID_URL');
    }
    expect(message).not.toBe('');
    expect(message).not.toMatch(/:b@|%ZZ/);
  });
});
