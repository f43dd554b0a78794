import { basename, extname } from 'node:path';
import { connect, ensureEmbeddedPostgres, quoteIdent } from '@catdb/core';

export interface ResolvedTarget {
  url: string;
  embedded?: { dir: string; passfile: string; port: number; database: string };
}

/** A database name from the SQLite file name: `My App.sqlite` → `my_app`. */
export function databaseNameFor(file: string): string {
  const stem = basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return (/^[a-z_]/.test(stem) ? stem : `db_${stem}`).slice(0, 63) || 'catdb';
}

/**
 * `--to`, else $DATABASE_URL, else catdb's own local PostgreSQL (started on first use),
 * with a database named after the SQLite file.
 */
export async function resolveTarget(to: string | undefined, sourceFile: string, signal: AbortSignal): Promise<ResolvedTarget> {
  const url = to ?? process.env.DATABASE_URL;
  if (url) return { url };
  const server = await ensureEmbeddedPostgres({ signal });
  // The library reads the passfile when the URL carries no password; child tools can too.
  process.env.PGPASSFILE = server.passfile;
  const database = databaseNameFor(sourceFile);
  const admin = await connect(server.url, { signal });
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
  } finally {
    await admin.end();
  }
  const target = new URL(server.url);
  target.pathname = `/${database}`;
  return { url: target.toString(), embedded: { dir: server.dir, passfile: server.passfile, port: server.port, database } };
}
