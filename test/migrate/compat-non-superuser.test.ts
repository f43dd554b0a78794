import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, quoteIdent, quoteLiteral, writePgpassFile } from '../support/core-internals.js';
import { runCli } from '../support/run-cli.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { scratchDir } from '../support/scratch-dir.js';
import { serverUrl } from '../support/test-server.js';
import { writeSqlite } from '../support/write-sqlite.js';

// catdb_sqlite must be creatable by the role that migrates, which is rarely a superuser:
// LANGUAGE sql and plpgsql only, an aggregate, operators, all with CREATE on the database.
const dirs = scratchDir('catdb-compat-role-');
const role = `catdb_app_${randomBytes(4).toString('hex')}`;
let db: ScratchDatabase | undefined;
afterAll(async () => {
  await db?.drop();
  // A role belongs to the server, not the database: dropped once the database is gone.
  const server = await connect(serverUrl());
  try {
    await server.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
  } finally {
    await server.end();
  }
  dirs.remove();
});

const file = writeSqlite(dirs.path('app.db'), (d) => {
  d.exec(`CREATE TABLE event (id INTEGER PRIMARY KEY, at TEXT, who TEXT, n INTEGER);
          INSERT INTO event (at, who, n) VALUES ('2024-01-31 10:00:00', 'ann', 3), ('2024-02-29 23:30:00', 'bob', 4);
          CREATE VIEW monthly AS SELECT strftime('%Y-%m', at, 'start of month') AS month, group_concat(who, '+') AS who, total(n) AS n FROM event GROUP BY 1;
          CREATE VIEW shifted AS SELECT id, datetime(at, '+1 month', 'localtime') AS later, iif(n > 3, 'many', 'few') AS size, who + 1 AS odd FROM event;`);
});
const northwind = resolve(import.meta.dirname, '../../fixtures/corpora/jpwhite3__northwind_built-from-create.sql+update.sql.db');

describe('catdb_sqlite as a role that is not a superuser', () => {
  it('is created and used by a role with only CREATE on the database', async () => {
    db = await createScratchDatabase('compatrole');
    const admin = await db.connect();
    const password = randomBytes(12).toString('hex');
    try {
      await admin.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${quoteLiteral(password)}`);
      await admin.query(`GRANT CREATE ON DATABASE ${quoteIdent(db.name)} TO ${quoteIdent(role)}`);
      const passfile = dirs.path('role.pgpass');
      writePgpassFile(passfile, [{ host: '*', port: '*', database: '*', user: role, password }]);
      const url = new URL(db.url);
      url.username = role;
      for (const [source, schema, views] of [[file, 'app', 2], [northwind, 'northwind', 17]] as const) {
        const r = await runCli(['migrate', 'sqlite-to-pg', source, '--to', url.toString(), '--schema', schema, '--json'], { env: { PGPASSFILE: passfile } });
        expect(r.code, r.stderr + r.stdout.slice(-2000)).toBe(0);
        const made = await admin.query<{ n: string }>('SELECT count(*)::text AS n FROM pg_views WHERE schemaname = $1', [schema]);
        expect(made.rows[0]!.n).toBe(String(views));
      }
      const owner = await admin.query<{ owner: string; superuser: boolean }>(
        "SELECT pg_get_userbyid(n.nspowner) AS owner, r.rolsuper AS superuser FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'catdb_sqlite'",
      );
      expect(owner.rows).toEqual([{ owner: role, superuser: false }]);
      const rows = await admin.query('SELECT month, who, n FROM app.monthly ORDER BY month');
      expect(rows.rows).toEqual([
        { month: '2024-01', who: 'ann', n: 3 },
        { month: '2024-02', who: 'bob', n: 4 },
      ]);
    } finally {
      await admin.end();
    }
  });
});
