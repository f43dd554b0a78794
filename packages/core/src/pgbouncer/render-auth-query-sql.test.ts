import { describe, expect, it } from 'vitest';
import { renderAuthFunctionSql, renderAuthQuery, renderAuthRoleSql } from './render-auth-query-sql.js';

describe('auth_query SQL', () => {
  it('quotes the function in the auth_query', () => {
    expect(renderAuthQuery()).toBe('SELECT usename, passwd FROM "catdb_pgbouncer"."user_lookup"($1)');
  });

  it.each([
    [false, 'CREATE ROLE "pgb""auth" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD \'SCRAM-SHA-256$x\''],
    [true, 'ALTER ROLE "pgb""auth" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD \'SCRAM-SHA-256$x\''],
  ])('role statement (exists=%s) sends only the verifier', (exists, sql) => {
    expect(renderAuthRoleSql('pgb"auth', 'SCRAM-SHA-256$x', exists)).toBe(sql);
  });

  it('pins search_path, is SECURITY DEFINER, and grants EXECUTE to the auth user only', () => {
    const sql = renderAuthFunctionSql('my db', 'pgb_auth');
    const fn = sql.find((s) => s.startsWith('CREATE OR REPLACE FUNCTION'))!;
    expect(fn).toContain('SECURITY DEFINER');
    expect(fn).toContain('SET search_path = pg_catalog, pg_temp');
    expect(fn).toContain('NOT a.rolsuper');
    expect(fn).toContain("a.rolname <> 'pgb_auth'");
    expect(sql).toContain('REVOKE ALL ON FUNCTION "catdb_pgbouncer"."user_lookup"(text) FROM PUBLIC');
    expect(sql).toContain('GRANT EXECUTE ON FUNCTION "catdb_pgbouncer"."user_lookup"(text) TO "pgb_auth"');
    expect(sql).toContain('GRANT CONNECT ON DATABASE "my db" TO "pgb_auth"');
    expect(sql.indexOf('REVOKE ALL ON FUNCTION "catdb_pgbouncer"."user_lookup"(text) FROM PUBLIC')).toBeGreaterThan(sql.indexOf(fn));
  });
});
