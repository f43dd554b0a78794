import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PgClient } from '../../packages/core/src/pg/connect.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';

const PG_SCHEMA = new URL('../../fixtures/catalogizer/catalogizer-pg-schema.sql', import.meta.url);
const CATDB = fileURLToPath(new URL('../../bin/catdb', import.meta.url));

/** v14's three indexes on analytics_events(timestamp) name a column no migration creates. */
export const BAD_INDEX = /CREATE INDEX[^;]*\bON analytics_events\s*\([^)]*\btimestamp\b[^)]*\)\s*;/gi;

/** A fresh database holding the schema Catalogizer's PostgreSQL migrations create (no rows). */
export async function catalogizerTarget(prefix: string): Promise<TestDatabase> {
  const db = await createTestDatabase(prefix);
  const c = await db.client();
  try {
    await c.query(readFileSync(PG_SCHEMA, 'utf8').replace(BAD_INDEX, ''));
  } finally {
    await c.end();
  }
  return db;
}

/** Row count of every table in `public`. */
export async function tableCounts(c: PgClient): Promise<Record<string, number>> {
  const { rows } = await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const out: Record<string, number> = {};
  for (const { t } of rows) out[t] = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM public."${t.replaceAll('"', '""')}"`)).rows[0]!.n);
  return out;
}

/** Runs the built CLI with `--json`; resolves with exit code and the NDJSON events. */
export function runCatdb(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; events: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CATDB, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 28 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      const events = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code: typeof code === 'number' ? code : 1, events, stderr });
    });
  });
}
