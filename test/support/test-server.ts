import { inject } from 'vitest';
import { connect } from './core-internals.js';

/** The server URL the global setup started or found; fails when there is none. */
export function serverUrl(): string {
  const url = inject('pgUrl');
  if (!url) throw new Error('No PostgreSQL for integration tests: the global setup found none');
  process.env.PGPASSFILE = inject('pgPassfile');
  return url;
}

/** The test server's URL with another database in it. */
export function urlForDatabase(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs a query on any server through its URL, on a connection of its own. */
export async function queryUrl<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = await connect(url);
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}
