import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type LocalPostgres, startLocalPostgres, stopLocalServer, writePgpassFile } from './core-internals.js';

/**
 * Picks the PostgreSQL for this run, once: CATDB_TEST_PG_URL when set, else a container
 * when a runtime answers, else local server binaries (as the postgres OS user when root).
 * No server at all fails the run: integration tests never skip quietly.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let teardown = async (): Promise<void> => {};
  let url = process.env.CATDB_TEST_PG_URL;
  let passfile = process.env.PGPASSFILE ?? '';
  let provider = 'env';
  if (!url && (process.env.DOCKER_HOST || existsSync('/var/run/docker.sock')) && process.env.CATDB_TEST_NO_CONTAINERS !== '1') {
    const started = await tryContainer();
    if (started) ({ url, passfile, teardown } = { ...started });
    provider = 'testcontainers';
  }
  let local: LocalPostgres | undefined;
  if (!url) {
    provider = 'local';
    const base = mkdtempSync(join(tmpdir(), 'catdb-test-'));
    chmodSync(base, 0o755);
    local = await startLocalPostgres({
      dir: join(base, 'primary'),
      settings: { fsync: false, synchronous_commit: false, full_page_writes: false, max_connections: 200, wal_level: 'replica' },
    });
    url = local.url;
    passfile = local.passfile;
    const server = local;
    teardown = async () => {
      await server.stop();
      rmSync(base, { recursive: true, force: true });
    };
  }
  process.env.PGPASSFILE = passfile;
  // Tests never reach the developer's own local server or libpq settings: a catdb home of the
  // run's own (traversable by the postgres OS user), and no PG* target or password from outside.
  const home = mkdtempSync(join(tmpdir(), 'catdb-test-home-'));
  chmodSync(home, 0o755);
  process.env.CATDB_HOME = home;
  for (const name of ['PGHOST', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGPASSWORD', 'PGSSLMODE', 'PGAPPNAME', 'DATABASE_URL']) delete process.env[name];
  const serverTeardown = teardown;
  teardown = async () => {
    await stopLocalServer({ env: { CATDB_HOME: home } }).catch(() => {});
    rmSync(home, { recursive: true, force: true });
    await serverTeardown();
  };
  project.provide('pgUrl', url);
  project.provide('pgPassfile', passfile);
  project.provide('pgProvider', provider);
  project.provide('pgDataDir', local?.dataDir ?? '');
  project.provide('pgBinDir', local?.binDir ?? '');
  return teardown;
}

async function tryContainer(): Promise<{ url: string; passfile: string; teardown: () => Promise<void> } | undefined> {
  try {
    const { GenericContainer, Wait } = await import('testcontainers');
    const password = (await import('node:crypto')).randomBytes(18).toString('base64url');
    const container = await new GenericContainer('postgres:15')
      .withEnvironment({ POSTGRES_PASSWORD: password })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    const dir = mkdtempSync(join(tmpdir(), 'catdb-test-'));
    const passfile = join(dir, 'pgpass');
    writePgpassFile(passfile, [{ host: container.getHost(), port: '*', database: '*', user: 'postgres', password }]);
    return {
      url: `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
      passfile,
      teardown: async () => {
        await container.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch {
    return undefined;
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    pgPassfile: string;
    pgProvider: string;
    pgDataDir: string;
    pgBinDir: string;
  }
}
