import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDatabaseName } from './local-database-name.js';
import { localServerHome } from './local-server-home.js';

describe('localServerHome', () => {
  it.each([
    [{ CATDB_HOME: '/srv/catdb', XDG_DATA_HOME: '/x' }, '/srv/catdb'],
    [{ XDG_DATA_HOME: '/home/u/.data' }, '/home/u/.data/catdb'],
    [{ XDG_DATA_HOME: 'relative/ignored', HOME: '/home/u' }, '/home/u/.local/share/catdb'],
    [{ HOME: '/home/u' }, '/home/u/.local/share/catdb'],
    [{}, join(homedir(), '.local', 'share', 'catdb')],
  ] as [NodeJS.ProcessEnv, string][])('%o → %s', (env, home) => {
    expect(localServerHome(env)).toBe(home);
  });
});

describe('localDatabaseName', () => {
  it.each([
    ['app.db', 'app'],
    ['/data/My App.sqlite', 'my_app'],
    ['2024.db', 'db_2024'],
    ['---.db', 'catdb'],
  ])('%s → %s', (file, name) => {
    expect(localDatabaseName(file)).toBe(name);
  });
});
