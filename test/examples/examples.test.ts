import { spawn, execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CAST_RULES } from '@catdb/core';
import { startSandbox, stopSandbox, type SandboxState } from '@catdb/core/sandbox';
import { stopLocalPostgres } from '../support/core-internals.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { serverUrl } from '../support/test-server.js';

// Runs every program in examples/ as a user would (tsx, importing '@catdb/core') against real servers.

const root = join(import.meta.dirname, '../..');
const chinook = join(root, 'fixtures/chinook.sqlite');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const example = (name: string): string => join(root, 'examples', name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runExample(name: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [tsx, example(name), ...args], { cwd: options.cwd ?? root, env: options.env ?? process.env, timeout: 180_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

it('the examples type-check against the published types of @catdb/core', async () => {
  await promisify(execFile)(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'examples')], { cwd: root, timeout: 120_000 }).catch((err: Error & { stdout?: string }) => {
    throw new Error(`tsc -p examples failed:\n${err.stdout ?? err.message}`);
  });
});

describe('migrate with custom cast rules and a progress bar, then gate a deploy on verifyMigration', () => {
  const db = useScratchDatabase('examples');
  beforeAll(async () => {
    serverUrl();
  });

  it('migrate-with-progress: loads every row with the user rules applied, drawing progress from events', async () => {
    const r = await runExample('migrate-with-progress.ts', [chinook, db.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ tables: 11, rows: 15607, verified: true });
    // Not a terminal: one bar line per loaded table, ending at 100% once verified.
    const bars = r.stderr.split('\n').filter((l) => l.startsWith('['));
    expect(bars.length).toBeGreaterThanOrEqual(11);
    expect(bars.at(-1)).toMatch(/^\[#{30}\] 100% 15607\/15607 rows verified$/);

    // The rules changed what the defaults would have chosen.
    expect(DEFAULT_CAST_RULES.find((rule) => rule.match.kind === 'type' && rule.match.type === 'DATETIME')?.to).toBe('timestamptz');
    const client = await db.connect();
    try {
      const { rows } = await client.query<{ table: string; column: string; type: string }>(
        `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND (c.relname, a.attname) IN (('invoice', 'invoicedate'), ('employee', 'hiredate'), ('track', 'unitprice'))
          ORDER BY 1, 2`,
      );
      expect(rows).toEqual([
        { table: 'employee', column: 'hiredate', type: 'timestamp without time zone' },
        { table: 'invoice', column: 'invoicedate', type: 'timestamp without time zone' },
        { table: 'track', column: 'unitprice', type: 'numeric(10,2)' },
      ]);
    } finally {
      await client.end();
    }
  });

  it('deploy-gate: exit 0 while the target matches, 1 after one value changed in it', async () => {
    const open = await runExample('deploy-gate.ts', [chinook, db.url]);
    expect(open.code, open.stderr).toBe(0);
    expect(open.stdout).toContain('gate: open');
    expect(open.stdout.split('\n').filter((l) => l.startsWith('ok '))).toHaveLength(11);

    const client = await db.connect();
    try {
      const { rowCount } = await client.query(`UPDATE public.genre SET name = name || '!' WHERE genreid = 1`);
      expect(rowCount).toBe(1);
    } finally {
      await client.end();
    }
    const closed = await runExample('deploy-gate.ts', [chinook, db.url]);
    expect(closed.code).toBe(1);
    expect(closed.stdout).toContain('MISMATCH Genre -> genre same row count, different values');
    expect(closed.stdout.split('\n').filter((l) => l.startsWith('ok '))).toHaveLength(10);
    expect(closed.stdout).toContain('gate: closed');
  });

  it('deploy-gate: exit 2 with the error code when it cannot verify', async () => {
    const r = await runExample('deploy-gate.ts', [join(root, 'fixtures/no-such.sqlite'), db.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SQLITE_NOT_FOUND');
  });
});

describe('out of the box: with no URL the examples make a database on catdb\'s local PostgreSQL', () => {
  // A scratch home and working folder (traversable: as root the server runs as the postgres OS user).
  const base = mkdtempSync(join(tmpdir(), 'catdb-examples-local-'));
  chmodSync(base, 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: base, CATDB_HOME: join(base, 'catdb-home') };
  delete env.DATABASE_URL;
  delete env.PGPASSFILE;
  let dataDir: string | undefined;
  afterAll(async () => {
    if (dataDir) await stopLocalPostgres(dataDir);
    rmSync(base, { recursive: true, force: true });
  });

  it('migrate-with-progress then deploy-gate run with only the SQLite file, and say which server they used', async () => {
    const migrated = await runExample('migrate-with-progress.ts', [chinook], { cwd: base, env });
    dataDir = /\(data in (\S+)\)/.exec(migrated.stderr)?.[1];
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stderr).toMatch(/^using database catdb_examples on catdb's local PostgreSQL at 127\.0\.0\.1:\d+ \(data in \S+\); stop it with: catdb local stop$/m);
    expect(JSON.parse(migrated.stdout)).toEqual({ tables: 11, rows: 15607, verified: true });
    expect(existsSync(join(dataDir!, 'PG_VERSION'))).toBe(true);

    const gate = await runExample('deploy-gate.ts', [chinook], { cwd: base, env });
    expect(gate.code, gate.stderr).toBe(0);
    expect(gate.stdout.split('\n').filter((l) => l.startsWith('ok '))).toHaveLength(11);
    // The same server, not a second one.
    expect(gate.stderr).toContain(`(data in ${dataDir})`);
  });
});

describe('lag-health-endpoint against a real primary and streaming replica', () => {
  const base = mkdtempSync(join(tmpdir(), 'catdb-examples-'));
  chmodSync(base, 0o755);
  // Where `catdb sandbox up` puts it when run in base: the example finds it with no arguments.
  const dir = join(base, '.catdb', 'sandbox');
  let sandbox: SandboxState;

  beforeAll(async () => {
    sandbox = await startSandbox({ dir, replicas: 1 });
  }, 180_000);
  afterAll(async () => {
    await stopSandbox({ dir, purge: true }).catch(() => {});
    rmSync(base, { recursive: true, force: true });
  });

  it('serves checkReplicaLag for the sandbox as JSON on 127.0.0.1, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [tsx, example('lag-health-endpoint.ts')], { cwd: base, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`endpoint exited (${code}) before listening: ${stderr}`)));
      });
      const url = /^listening on (http:\/\/127\.0\.0\.1:\d+\/health)$/.exec(first)?.[1];
      expect(url, first).toBeDefined();

      const res = await fetch(url!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      const report = (await res.json()) as { state: string; exitCode: number; standbys: { name: string; condition: string; replicaUrl: string | null; bytesBehind: number | null }[] };
      expect(report.state).toBe('OK');
      expect(report.exitCode).toBe(0);
      expect(report.standbys).toHaveLength(1);
      expect(report.standbys[0]).toMatchObject({ name: sandbox.replicas[0]!.slot, condition: 'streaming' });
      expect(typeof report.standbys[0]!.bytesBehind).toBe('number');

      expect((await fetch(url!.replace('/health', '/other'))).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
