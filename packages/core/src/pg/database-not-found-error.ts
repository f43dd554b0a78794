import { CatdbError } from '../errors.js';
import { renderShellArg } from '../render-shell-arg.js';
import { parsePostgresUrl } from './parse-postgres-url.js';

/**
 * PG_DATABASE_NOT_FOUND for the server's "database … does not exist" (SQLSTATE 3D000), with a
 * `createdb` line for the same server and user ready to paste. `target` is the redacted URL.
 */
export function databaseNotFoundError(target: string | undefined, serverMessage: string, cause: unknown): CatdbError {
  const url = target ? parsePostgresUrl(target) : undefined;
  const database = url ? decodeURIComponent(url.pathname.slice(1)) : /database "(.*)" does not exist/.exec(serverMessage)?.[1];
  const args = url
    ? [url.hostname && `-h ${renderShellArg(url.hostname.replace(/^\[|\]$/g, ''))}`, url.port && `-p ${url.port}`, url.username && `-U ${renderShellArg(decodeURIComponent(url.username))}`].filter(Boolean).join(' ')
    : '';
  const createdb = `createdb ${args ? `${args} ` : ''}${database ? renderShellArg(database) : '<database>'}`;
  return new CatdbError('PG_DATABASE_NOT_FOUND', `The database ${database ? `"${database}"` : 'named in the URL'} does not exist${target ? ` on ${target}` : ''}`, {
    hint: `Create it with \`${createdb}\`, or let catdb migrate sqlite-to-pg create it with --create-database; or fix the database name in --to / DATABASE_URL / PGDATABASE.`,
    details: { database, sqlstate: '3D000' },
    cause,
  });
}
