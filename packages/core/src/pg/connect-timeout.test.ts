import { describe, expect, it } from 'vitest';
import { connectTimeoutMs } from './connect-timeout.js';

const URL_BASE = 'postgres://u@db.example:5432/app';

describe('connectTimeoutMs', () => {
  it.each([
    [`${URL_BASE}?connect_timeout=5`, {}, 5000],
    [`${URL_BASE}?connect_timeout=1`, {}, 2000],
    [`${URL_BASE}?connect_timeout=0`, { PGCONNECT_TIMEOUT: '7' }, undefined],
    [`${URL_BASE}?connect_timeout=-3`, {}, undefined],
    [`${URL_BASE}?connect_timeout=5`, { PGCONNECT_TIMEOUT: '30' }, 5000],
    [URL_BASE, { PGCONNECT_TIMEOUT: '30' }, 30_000],
    [URL_BASE, { PGCONNECT_TIMEOUT: ' 4 ' }, 4000],
    [URL_BASE, { PGCONNECT_TIMEOUT: 'soon' }, 30_000],
    [URL_BASE, {}, 30_000],
    [`${URL_BASE}?connect_timeout=2.5`, {}, 30_000],
    [URL_BASE, { PGCONNECT_TIMEOUT: '0' }, undefined],
    ['not a url', { PGCONNECT_TIMEOUT: '3' }, 3000],
  ] as const)('%s with %j → %s ms', (url, env, expected) => {
    expect(connectTimeoutMs(url, env)).toBe(expected);
  });
});
