import { describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import { assertSafePath } from './assert-safe-path.js';

describe('assertSafePath', () => {
  it.each(['/srv/pg/data', '/tmp/my db/data', "/home/o'brien/pg", '/srv/a;b#c/data', '/srv/ünïcode/€', '/srv/(parens)/[x]'])('accepts %j', (path) => {
    expect(assertSafePath(path, 'data directory')).toBe(path);
  });

  it.each([
    ['/srv/$(touch /tmp/x)/data', 'a $'],
    ['/srv/${HOME}/data', 'a $'],
    ['/srv/`id`/data', 'a backtick'],
    ['/srv/"quoted"/data', 'a double quote'],
    ['/srv/back\\slash', 'a backslash'],
    ['/srv/pg\nauth_type = trust', 'the control character U+000A'],
    ['/srv/pg\r', 'the control character U+000D'],
    ['/srv/pg\tdata', 'the control character U+0009'],
    ['/srv/pg\u0000', 'the control character U+0000'],
    ['/srv/pg\u007f', 'the control character U+007F'],
  ])('refuses %j, naming it and the character', (path, shown) => {
    let error: unknown;
    try {
      assertSafePath(path, 'data directory');
    } catch (err) {
      error = err;
    }
    expect(isCatdbError(error, 'USAGE_INVALID_PATH')).toBe(true);
    const e = error as { message: string; details: { path: string } };
    expect(e.message).toContain(`The data directory ${JSON.stringify(path)} contains ${shown}`);
    expect(e.details.path).toBe(path);
  });
});
