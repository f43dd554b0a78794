import { describe, expect, it } from 'vitest';
import { pgbouncerNotRepointed } from './pgbouncer-not-repointed.js';

describe('pgbouncerNotRepointed', () => {
  const cases = [
    {
      name: 'a URL naming its passfile is quoted for the shell, passfile kept',
      url: 'postgres://postgres@127.0.0.1:5433/postgres?passfile=/srv/sb/primary/pgpass',
      dir: '/srv/pgbouncer',
      command: "catdb pgbouncer repoint --dir '/srv/pgbouncer' --primary 'postgres://postgres@127.0.0.1:5433/postgres?passfile=/srv/sb/primary/pgpass'",
    },
    {
      name: 'a password in the URL never reaches the command',
      url: 'postgres://admin:s3cret@db2.example.com/app',
      dir: '/srv/pgbouncer',
      command: "catdb pgbouncer repoint --dir '/srv/pgbouncer' --primary 'postgres://admin@db2.example.com/app'",
    },
    {
      name: "a folder with a space and a quote is one shell word",
      url: 'postgres://postgres@10.0.0.2:5432/postgres',
      dir: "/srv/pg bouncer's",
      command: "catdb pgbouncer repoint --dir '/srv/pg bouncer'\\''s' --primary 'postgres://postgres@10.0.0.2:5432/postgres'",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const err = pgbouncerNotRepointed(new Error('connect ECONNREFUSED'), 'the standby', 2, c.dir, c.url);
      expect(err.code).toBe('REPLICA_PGBOUNCER_NOT_REPOINTED');
      expect(err.details.command).toBe(c.command);
      expect(err.hint).toBe(`Do not promote again. Once PgBouncer answers, run: ${c.command}`);
      expect(err.message).toBe(`the standby is promoted and accepts writes on timeline 2, but PgBouncer in ${c.dir} still leads to the old primary: connect ECONNREFUSED`);
      expect(JSON.stringify(err.toJSON())).not.toMatch(/s3cret/);
    });
  }
});
