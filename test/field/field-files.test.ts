import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';
import { quoteQualified, quoteSqliteIdent } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { useScratchDatabase } from '../support/scratch-database.js';
import { canonicalRows } from './canonical-rows.js';

const FIELD_DIR = resolve(import.meta.dirname, '../../fixtures/field');

interface Missing {
  kind: string;
  /** Matches the object's name and reason. */
  match: RegExp;
  why: string;
}

/**
 * The objects that cannot be carried yet, by file and class, with the reason (none today:
 * every field file arrives whole). Anything else not created fails the test; a file whose
 * objects all arrive must exit 0.
 */
const CANNOT_CARRY_YET: Record<string, Missing[]> = {};

/** Reasons that say an object was left out on purpose or is derived from another, which is no loss. */
const NOT_A_LOSS = /^SQLite internal table$|^shadow table of the |derived from|over table .* whose rows arrive|keeps no rows of its own/;

const files = readdirSync(FIELD_DIR).filter((f) => !f.endsWith('.md')).sort();
const pg = useScratchDatabase('field');

beforeAll(async () => {
  if (files.length < 20) throw new Error(`expected the field files in ${FIELD_DIR}, found ${files.length}`);
});

describe.each(files.map((f, i) => [f, `field_${i}`] as const))('%s, default options', (file, schema) => {
  const source = join(FIELD_DIR, file);

  it('migrates every row, names whatever it cannot create, and verifies', async () => {
    const run = await runCli(['migrate', 'sqlite-to-pg', source, '--to', pg.url, '--schema', schema, '--json'], { timeoutMs: 300_000 });
    const summary = run.events.find((e) => e.type === 'summary') as
      | { rejected: number; incomplete: { kind: string; name: string; reason: string; sql?: string }[]; skipped: { name: string; reason: string; notCreated?: string }[] }
      | undefined;
    expect(summary, run.stderr).toBeDefined();
    expect(summary!.rejected).toBe(0);
    const allowed = CANNOT_CARRY_YET[file] ?? [];
    const unexpected = summary!.incomplete.filter((o) => !allowed.some((a) => a.kind === o.kind && a.match.test(`${o.name}: ${o.reason}`)));
    expect(unexpected).toEqual([]);
    // Every object not created is reported with the SQL to carry it by hand.
    for (const o of summary!.incomplete) expect(o.sql, `${o.kind} ${o.name}`).toBeTruthy();
    // Whatever is left out without counting as not created must say why that is no loss.
    for (const s of summary!.skipped.filter((x) => !x.notCreated)) expect(s.reason, s.name).toMatch(NOT_A_LOSS);
    expect(run.code, run.stderr).toBe(summary!.incomplete.length > 0 ? 4 : 0);

    const verify = await runCli(['migrate', 'verify', source, '--to', pg.url, '--schema', schema], { timeoutMs: 300_000 });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('views return the same rows on both sides', async () => {
    const Db = loadBetterSqlite3();
    const lite = new Db(source, { readonly: true, fileMustExist: true });
    try {
      const created = (await pg.client.query<{ name: string }>('SELECT table_name AS name FROM information_schema.views WHERE table_schema = $1 ORDER BY 1', [schema])).rows.map((r) => r.name);
      const views = (lite.prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").all() as { name: string }[]).map((v) => v.name);
      for (const view of views) {
        const target = view.toLowerCase();
        if (!created.includes(target)) continue;
        const left = canonicalRows(lite.prepare(`SELECT * FROM ${quoteSqliteIdent(view)}`).raw(true).all() as unknown[][], undefined);
        const res = await pg.client.query({ text: `SELECT * FROM ${quoteQualified(schema, target)}`, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
        const right = canonicalRows(res.rows as unknown[][], res.fields.map((f) => f.dataTypeID));
        expect(right, `view ${view}`).toEqual(left);
      }
    } finally {
      lite.close();
    }
  });
});
