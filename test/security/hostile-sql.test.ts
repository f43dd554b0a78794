import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateSqliteToPg, type MigrateResult, planSqliteMigration, renderPlanSql } from '@catdb/core';
import { applyStatement, type PgClient, quoteIdent, quoteLiteral } from '../support/core-internals.js';
import { scratchDatabaseFactory, type ScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { writeSqlite } from '../support/write-sqlite.js';
import { readCatalogTrace, type CatalogTrace } from './catalog-trace.js';
import { fixedCases, fuzzCase, payload, type HostileCase } from './hostile-sources.js';

// SQLite files whose CHECKs, views, indexes, defaults, generated columns and names hide SQL
// for PostgreSQL are migrated for real, and their --dry-run script is run through psql.
// Afterwards the database must hold exactly what the plan names: no other relation, no
// function, role or file made by the hidden statements.

const tag = `x${randomBytes(4).toString('hex')}`;
const dirs = scratchDir('catdb-hostile-');
// The server writes here when a smuggled COPY … TO PROGRAM / TO 'file' runs, as whatever OS user it runs as.
const sentinel = mkdtempSync(join(tmpdir(), 'catdb-sentinel-'));
chmodSync(sentinel, 0o777);
/** The fixed cases, each with a payload of its own so that each is judged on its own. */
const fixed = fixedCases('').map((c, k) => ({ name: c.name, k }));
const fixedCase = (k: number, variant = ''): HostileCase => fixedCases(payload(`${tag}${variant}_${k}`, sentinel), `\\! touch ${sentinel}/${tag}${variant}_${k}.psql\n`)[k]!;
const local = inject('pgProvider') === 'local';
/** A scratch database and a connection to it. */
interface Target {
  db: ScratchDatabase;
  client: PgClient;
}
const targets: Target[] = [];
const freshDatabase = scratchDatabaseFactory();
let main: Target;
let client: PgClient;
let cases = 0;

async function openTarget(settings: Record<string, string> = {}): Promise<Target> {
  const db = await freshDatabase('hostile');
  const c = await db.connect();
  targets.push({ db, client: c });
  for (const [name, value] of Object.entries(settings)) await c.query(`ALTER DATABASE ${quoteIdent(db.name)} SET ${quoteIdent(name)} = ${quoteLiteral(value)}`);
  // catdb's own state tables come with the first migration: make them part of every "before".
  const warm = writeSqlite(dirs.path(`warm${targets.length}.db`), (d) => d.exec('CREATE TABLE w (x INTEGER)'));
  await migrateSqliteToPg({ source: warm, target: db.url, schema: 'warm', jobs: 1, allowIncompleteSchema: true });
  return { db, client: c };
}

beforeAll(async () => {
  main = await openTarget();
  client = main.client;
});

afterAll(async () => {
  // Only if a payload got through; the test has failed then, and leaves no role behind.
  const roles = await client?.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [`pwned_${tag}%`]);
  for (const r of roles?.rows ?? []) await client.query(`DROP ROLE ${quoteIdent(r.rolname)}`);
  for (const t of targets) await t.client.end();
  rmSync(sentinel, { recursive: true, force: true });
  dirs.remove();
});

/** Runs a script the way a reviewer would pipe --dry-run into psql: statement by statement, on past errors. */
async function runWithPsql(target: Target, script: string): Promise<void> {
  const file = dirs.path(`script${cases}.sql`);
  writeFileSync(file, script);
  const binDir = inject('pgBinDir');
  const psql = binDir ? join(binDir, 'psql') : 'psql';
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', PGPASSFILE: inject('pgPassfile'), PGCONNECT_TIMEOUT: '10' };
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=0', '-d', target.db.url, '-f', file], { env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code, 'psql could not run the script').toBe(0);
}

/** Sequences PostgreSQL made for the serial columns of the given tables. */
async function serialSequences(target: Target, schema: string, tables: string[]): Promise<string[]> {
  const { rows } = await target.client.query<{ relname: string }>(
    `SELECT s.relname FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a' JOIN pg_class t ON t.oid = d.refobjid
      WHERE s.relkind = 'S' AND s.relnamespace = $1::regnamespace AND t.relname = ANY($2::text[])`,
    [quoteIdent(schema), tables],
  );
  return rows.map((r) => r.relname);
}

type Trace = CatalogTrace & { files: string[] };

/** The catalog, and the files in the sentinel folder. */
async function trace(c: PgClient): Promise<Trace> {
  return { ...(await readCatalogTrace(c)), files: readdirSync(sentinel).sort() };
}

function added(before: Trace, after: Trace, key: keyof Trace): string[] {
  return after[key].filter((x) => !before[key].includes(x));
}

function expectNoTrace(before: Trace, after: Trace, schema: string, compat: readonly string[] = [], triggerFunctions: readonly string[] = []): void {
  expect(added(before, after, 'pwned'), 'objects made by smuggled SQL').toEqual([]);
  // catdb's own compat schema and functions, only where the plan asked for them (see docs/sql-translation.md).
  const ownSchema = compat.length > 0 && !before.schemas.includes('catdb_sqlite') ? ['catdb_sqlite'] : [];
  expect(added(before, after, 'schemas').sort()).toEqual([schema, ...ownSchema].sort());
  expect(before.functions.filter((f) => !after.functions.includes(f)), 'functions dropped').toEqual([]);
  const functions = added(before, after, 'functions');
  if (compat.length === 0) expect(functions.filter((f) => f.startsWith('catdb_sqlite.'))).toEqual([]);
  // Outside catdb_sqlite, the only functions made are the planned trigger functions, in the target schema.
  for (const f of functions.filter((f) => !f.startsWith('catdb_sqlite.'))) expect(triggerFunctions.map((t) => `${schema}.${t}`), `function ${f} is not in the plan`).toContain(f);
  expect(after.extensions).toEqual(before.extensions);
  expect(after.eventTriggers).toEqual(before.eventTriggers);
  expect(added(before, after, 'files'), 'files written by smuggled COPY or psql').toEqual([]);
}

/** Migrates one case and its --dry-run script; undefined when SQLite itself refuses the file. */
async function migrateCase(c: HostileCase, target: Target = main): Promise<MigrateResult | undefined> {
  const { db, client } = target;
  const n = ++cases;
  const file = dirs.path(`case${n}.db`);
  try {
    writeSqlite(file, (d) => {
      for (const statement of c.ddl) d.exec(statement);
    });
  } catch {
    return undefined;
  }
  const schema = `case_${n}`;
  const before = await trace(client);
  // What PostgreSQL refuses is listed as not created; this test looks for traces, not completeness.
  const result = await migrateSqliteToPg({ source: file, target: db.url, schema, jobs: 1, allowIncompleteSchema: true });
  expect(result.verification?.ok).toBe(true);
  const after = await trace(client);
  expectNoTrace(before, after, schema, result.plan.compat, result.plan.triggers.map((t) => t.target));

  // Exactly the planned relations: tables, their keys and indexes, their serial sequences, views.
  const plan = result.plan;
  const tables = plan.tables.map((t) => t.target);
  const indexes = plan.postLoad.filter((s) => s.phase === 'primary-key' || s.phase === 'unique' || s.phase === 'index').map((s) => s.name);
  const sequences = await serialSequences(target, schema, tables);
  const created = added(before, after, 'relations');
  for (const r of created) {
    expect(r.startsWith(`${schema}.`), `${r} outside the target schema`).toBe(true);
    const [name, kind] = [r.slice(schema.length + 1, -2), r.slice(-1)];
    const planned = { r: tables, i: indexes, S: sequences, v: plan.views.map((v) => v.target) }[kind] ?? [];
    expect(planned, `${r} is not in the plan`).toContain(name);
  }
  for (const t of tables) expect(created).toContain(`${schema}.${t} r`);
  for (const v of plan.views) {
    const made = created.includes(`${schema}.${v.target} v`);
    expect(made || result.warnings.some((w) => w.object === v.source && w.message.startsWith('view not created'))).toBe(true);
  }
  const triggers = (await target.client.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = $1::regnamespace)`, [schema])).rows.map((r) => r.tgname);
  for (const t of plan.triggers) expect(triggers.includes(t.target) || result.warnings.some((w) => w.object === t.name && w.notCreated === 'trigger'), `trigger ${t.name}`).toBe(true);
  // What was not translated is reported with its SQL, never silently dropped.
  for (const s of plan.skipped.filter((x) => x.reason.includes('not translated'))) expect(s.sql).toBeTruthy();

  const dry = `dry_${n}`;
  const dryPlan = planSqliteMigration({ source: file, schema: dry });
  const script = renderPlanSql(dryPlan);
  const beforeScript = await trace(client);
  await runWithPsql(target, script);
  const afterScript = await trace(client);
  expectNoTrace(beforeScript, afterScript, dry, dryPlan.compat, dryPlan.triggers.map((t) => t.target));
  for (const r of added(beforeScript, afterScript, 'relations')) expect(r.startsWith(`${dry}.`), `${r} made by the --dry-run script`).toBe(true);
  return result;
}

describe('hostile SQL in a SQLite file', () => {
  it('the sentinels work: a payload run directly leaves its traces', async () => {
    const control = `ctl${tag}`;
    if (local) {
      await client.query(`COPY (SELECT 1) TO PROGRAM ${quoteLiteral(`/usr/bin/touch ${sentinel}/${control}.program`)}`);
      expect(existsSync(join(sentinel, `${control}.program`))).toBe(true);
    }
    await runWithPsql(main, `\\! touch ${sentinel}/${control}.psql\n`);
    expect(existsSync(join(sentinel, `${control}.psql`))).toBe(true);
    await client.query(`CREATE TABLE public.pwned_${control} (i int)`);
    expect((await readCatalogTrace(client)).pwned).toEqual([`relation pwned_${control}`]);
    await client.query(`DROP TABLE public.pwned_${control}`);
  });

  it.each(fixed.map((c) => [c.name, c.k] as const))('%s: migrates without running it', async (_name, k) => {
    const result = await migrateCase(fixedCase(k));
    expect(result, 'SQLite refused a fixed case').toBeDefined();
  });

  it.each(fixed.map((c) => [c.name, c.k] as const))('%s, with standard_conforming_strings off', async (_name, k) => {
    const old = targets[1] ?? (await openTarget({ standard_conforming_strings: 'off' }));
    expect(await migrateCase(fixedCase(k, 'off'), old)).toBeDefined();
  });

  it('the nested-comment CHECK is read as SQLite reads it, and U&"x" stays u & x', async () => {
    const k = (name: string): number => fixed.find((c) => c.name === name)!.k;
    const check = (await migrateCase(fixedCase(k('CHECK with a nested comment'), 'read')))!;
    const stmt = check.plan.postLoad.find((s) => s.phase === 'check')!;
    // The whole payload is one string literal compared with x, as in SQLite.
    expect(stmt.sql).toContain(`"x" > 0 OR "x" = ' */ 1); COPY`);
    const u = (await migrateCase(fixedCase(k('unicode escapes U&"…"'), 'read')))!;
    const { rows } = await client.query<{ r: string }>(`SELECT r::text FROM ${quoteIdent(u.plan.schema)}.v`);
    expect(rows).toEqual([{ r: '2' }]);
  });

  it('random junk in every place migrates without running anything', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase(payload(`${tag}fuzz`, sentinel), `\\! touch ${sentinel}/${tag}fuzz.psql\n`), async (c) => {
        if (await migrateCase(c)) accepted++;
      }),
      { numRuns: 30 },
    );
    // Most of the places wrap the junk so that SQLite takes it: the property is not vacuous.
    expect(accepted).toBeGreaterThan(15);
  });

  it('benign CHECKs, views, indexes, defaults and generated columns still migrate', async () => {
    const result = (await migrateCase({
      name: 'benign',
      ddl: [
        `CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'it''s' CHECK (length(name) > 0), price REAL DEFAULT 0x10 CHECK (price >= 0 /* no negatives */),
           active BOOLEAN DEFAULT 1, code TEXT COLLATE NOCASE, total REAL AS (price * 2) STORED)`,
        "INSERT INTO item (name, price, active) VALUES ('a', 1.5, 1), ('B', 2, 0)",
        'CREATE INDEX item_lower ON item (lower(name))',
        'CREATE INDEX item_active ON item (price) WHERE active = 1',
        `CREATE VIEW [Active Items] (n, p) AS SELECT name, ifnull(price, 0) FROM item WHERE active == 1 -- only active\n ORDER BY name`,
      ],
    }))!;
    expect(result.plan.skipped).toEqual([]);
    const schema = quoteIdent(result.plan.schema);
    const checks = await client.query<{ d: string }>(`SELECT pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c' ORDER BY 1`, [`${schema}.item`]);
    expect(checks.rows.map((r) => r.d)).toEqual(['CHECK ((length(name) > 0))', 'CHECK ((price >= (0)::double precision))']);
    const indexes = await client.query<{ d: string }>('SELECT indexdef AS d FROM pg_indexes WHERE schemaname = $1 ORDER BY 1', [result.plan.schema]);
    expect(indexes.rows.map((r) => r.d.replace(`${result.plan.schema}.`, ''))).toEqual([
      'CREATE INDEX item_active ON item USING btree (price) WHERE (active = true)',
      'CREATE INDEX item_lower ON item USING btree (lower(name))',
      'CREATE UNIQUE INDEX item_pkey ON item USING btree (id)',
    ]);
    const view = await client.query(`SELECT n, p FROM ${schema}."active items"`);
    expect(view.rows).toEqual([{ n: 'a', p: 1.5 }]);
    await client.query(`INSERT INTO ${schema}.item (id) VALUES (3)`);
    const defaults = await client.query(`SELECT name, price, active FROM ${schema}.item WHERE id = 3`);
    expect(defaults.rows).toEqual([{ name: "it's", price: 16, active: true }]);
  });

  it('sends plan statements one at a time: a second statement in the text is refused, not run', async () => {
    const err = await applyStatement(client, `SELECT 1; CREATE TABLE public.pwned_${tag}_two (i int)`).then(
      () => undefined,
      (e: unknown) => e as { code?: string; message: string },
    );
    expect(err?.message).toContain('cannot insert multiple commands into a prepared statement');
    expect((await readCatalogTrace(client)).pwned).toEqual([]);
  });
});
