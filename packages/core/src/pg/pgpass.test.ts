import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupPgpass, renderPgpassLine } from './pgpass.js';

const dir = mkdtempSync(join(tmpdir(), 'catdb-pgpass-'));
const file = join(dir, 'pgpass');
writeFileSync(
  file,
  [
    '# db.example.com:5432:*:app:commented-out',
    renderPgpassLine({ host: 'db.example.com', port: '5432', database: 'shop', user: 'app', password: 'p:ss\\word' }),
    'db.example.com:5432:*:app:any-database',
    '*:6432:*:*:any-host-on-6432',
    'localhost:*:*:postgres:local-any-port',
  ].join('\n') + '\n',
  { mode: 0o600 },
);

describe('lookupPgpass', () => {
  it.each([
    ['an escaped password, first match first', ['db.example.com', 5432, 'shop', 'app'], 'p:ss\\word'],
    ['a * database', ['db.example.com', '5432', 'other', 'app'], 'any-database'],
    ['a * host and user', ['10.0.0.1', 6432, 'x', 'y'], 'any-host-on-6432'],
    ['a * port', ['localhost', 5999, 'x', 'postgres'], 'local-any-port'],
    ['no line (a commented one does not count)', ['db.example.com', 5433, 'shop', 'app'], undefined],
  ] as const)('finds %s', (_name, [host, port, database, user], password) => {
    expect(lookupPgpass(file, host, port, database, user)).toBe(password);
  });

  it('returns undefined for a missing file', () => {
    expect(lookupPgpass(join(dir, 'absent'), 'h', 5432, 'd', 'u')).toBeUndefined();
  });
});
