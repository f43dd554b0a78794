import type pg from 'pg';

/**
 * Sends one SQL statement on the extended query protocol. PostgreSQL's Parse message takes
 * exactly one command ("cannot insert multiple commands into a prepared statement"), where a
 * simple Query would run every statement in the text. Everything built from a migration plan
 * goes through here, so that not even a bug in translating source SQL could run a second
 * statement hidden in it. (COPY … FROM STDIN stays on the simple protocol, which its
 * streaming needs; its text holds only quoted names.)
 */
export function applyStatement<R extends pg.QueryResultRow = pg.QueryResultRow>(client: pg.ClientBase, text: string, values?: readonly unknown[]): Promise<pg.QueryResult<R>> {
  // node-postgres 8.23 reads queryMode; its type definitions do not list it yet.
  const query = { text, ...(values ? { values: [...values] } : {}), queryMode: 'extended' } as pg.QueryConfig;
  return client.query<R>(query);
}
