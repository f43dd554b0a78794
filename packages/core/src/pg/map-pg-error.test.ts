import { describe, expect, it } from 'vitest';
import { CatdbError } from '../errors.js';
import { asServerError } from './map-pg-error.js';

describe('asServerError', () => {
  it('gives a raw server error its stable code', () => {
    const timeout = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    const mapped = asServerError(timeout, 'Migration failed');
    expect(mapped).toBeInstanceOf(CatdbError);
    expect((mapped as CatdbError).code).toBe('PG_STATEMENT_TIMEOUT');
    expect((mapped as CatdbError).message).toMatch(/^Migration failed: canceling statement/);
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect((asServerError(reset, 'x') as CatdbError).code).toBe('PG_UNREACHABLE');
  });

  it('leaves every other error as it is', () => {
    const own = new CatdbError('ABORTED', 'stopped');
    const bug = new TypeError('x is undefined');
    const file = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    for (const err of [own, bug, file, 'text']) expect(asServerError(err, 'x')).toBe(err);
  });
});
