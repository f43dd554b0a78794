import { readFileSync } from 'node:fs';
import type { PgClient } from './core-internals.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';

const PG_SCHEMA = new URL('../../fixtures/catalogizer/catalogizer-pg-schema.sql', import.meta.url);

/** v14's three indexes on analytics_events(timestamp) name a column no migration creates. */
export const BAD_INDEX = /CREATE INDEX[^;]*\bON analytics_events\s*\([^)]*\btimestamp\b[^)]*\)\s*;/gi;

/** A fresh database holding the schema Catalogizer's PostgreSQL migrations create (no rows); `create` makes the empty one. */
export async function catalogizerTarget(prefix: string, create: (prefix: string) => Promise<ScratchDatabase> = createScratchDatabase): Promise<ScratchDatabase> {
  const db = await create(prefix);
  const c = await db.connect();
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
