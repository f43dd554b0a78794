import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connect, type PgClient } from '../../packages/core/src/pg/connect.js';
import { quoteIdent } from '../../packages/core/src/pg/quote-ident.js';

/** The server URL the global setup started or found; fails when there is none. */
export function serverUrl(): string {
  const url = inject('pgUrl');
  if (!url) throw new Error('No PostgreSQL for integration tests: the global setup found none');
  process.env.PGPASSFILE = inject('pgPassfile');
  return url;
}

export function urlForDatabase(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  client(): Promise<PgClient>;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server; `drop()` removes it. */
export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`.toLowerCase();
  const admin = await connect(serverUrl());
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  const url = urlForDatabase(name);
  return {
    name,
    url,
    client: () => connect(url),
    drop: async () => {
      const c = await connect(serverUrl());
      try {
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
