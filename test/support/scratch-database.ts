import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { connect, quoteIdent, type PgClient } from './core-internals.js';
import { queryUrl, serverUrl, urlForDatabase } from './test-server.js';

export interface ScratchDatabase {
  name: string;
  url: string;
  /** A new connection to it; the caller ends it. */
  connect(): Promise<PgClient>;
  /** Drops it, ending whatever is still connected. */
  drop(): Promise<void>;
}

/** A fresh, empty, uniquely named database on the test server; the caller drops it. */
export async function createScratchDatabase(prefix = 't'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`.toLowerCase();
  await queryUrl(serverUrl(), `CREATE DATABASE ${quoteIdent(name)}`);
  const url = urlForDatabase(name);
  return {
    name,
    url,
    connect: () => connect(url),
    drop: async () => {
      await queryUrl(serverUrl(), `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    },
  };
}

/** A scratch database and one open connection to it, there from the hook that made them on. */
export interface ScratchFixture {
  readonly name: string;
  readonly url: string;
  readonly client: PgClient;
  /** Another connection to it; the caller ends it. */
  connect(): Promise<PgClient>;
}

/**
 * Registers hooks that create a scratch database and connect to it before the tests (before
 * each test with `each`), and end the connection and drop the database after them.
 */
export function useScratchDatabase(prefix: string, options: { each?: boolean } = {}): ScratchFixture {
  let db: ScratchDatabase | undefined;
  let client: PgClient | undefined;
  const made = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error(`the scratch database ${prefix} is made by a hook: use it inside a test or a later hook`);
    return v;
  };
  (options.each ? beforeEach : beforeAll)(async () => {
    db = await createScratchDatabase(prefix);
    client = await db.connect();
  });
  (options.each ? afterEach : afterAll)(async () => {
    await client?.end();
    await db?.drop();
    client = db = undefined;
  });
  return {
    get name() {
      return made(db).name;
    },
    get url() {
      return made(db).url;
    },
    get client() {
      return made(client);
    },
    connect: () => made(db).connect(),
  };
}

/** A function that makes scratch databases, every one of them dropped after the file's tests. */
export function scratchDatabaseFactory(): (prefix?: string) => Promise<ScratchDatabase> {
  const made: ScratchDatabase[] = [];
  afterAll(async () => {
    await Promise.all(made.map((db) => db.drop()));
  });
  return async (prefix) => {
    const db = await createScratchDatabase(prefix);
    made.push(db);
    return db;
  };
}

/** Runs `fn` on a connection of its own to `db`, ended afterwards. */
export async function withConnection<T>(db: Pick<ScratchDatabase, 'connect'>, fn: (c: PgClient) => Promise<T>): Promise<T> {
  const c = await db.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
