import { describe, expect, it } from 'vitest';
import { renderStandbyBaseConf } from './render-standby-base-conf.js';

describe('renderStandbyBaseConf', () => {
  it('copies the primary settings in base units and leaves out its own paths, address and includes', () => {
    const text = renderStandbyBaseConf(
      [
        { name: 'shared_buffers', setting: '16384' },
        { name: 'data_directory', setting: '/var/lib/postgresql/15/main' },
        { name: 'hba_file', setting: '/etc/postgresql/15/main/pg_hba.conf' },
        { name: 'port', setting: '5432' },
        { name: 'cluster_name', setting: '15/main' },
        { name: 'unix_socket_directories', setting: '/var/run/postgresql' },
        { name: 'ssl', setting: 'on' },
      ],
      '/etc/postgresql/15/main/postgresql.conf',
    );
    expect(text.split('\n').slice(2)).toEqual(["shared_buffers = '16384'", "unix_socket_directories = '/var/run/postgresql'", "ssl = 'on'", '']);
  });

  it('quotes hostile values so they cannot add settings, and drops names outside the GUC alphabet', () => {
    const text = renderStandbyBaseConf(
      [
        { name: 'application_name', setting: "x'\nport = 1 \\" },
        { name: "evil\nport", setting: '1' },
      ],
      '/etc/pg.conf\nport = 2',
    );
    expect(text.split('\n').filter((l) => /^\s*port/.test(l))).toEqual([]);
    expect(text.split('\n')).toContain(String.raw`application_name = 'x''\nport = 1 \\'`);
  });
});
