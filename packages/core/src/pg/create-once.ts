import type pg from 'pg';

/**
 * Runs `create` unless `relation` (a qualified name such as `catdb.migration_state`) already
 * exists. Existence is checked first, so a role without CREATE can still use tables an
 * administrator made; creation happens in one transaction under an advisory lock on the name,
 * because two catdb processes creating the same tables at once would collide on pg_type.
 */
export async function createOnce(client: pg.Client, relation: string, create: () => Promise<void>): Promise<void> {
  const exists = async (): Promise<boolean> => (await client.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [relation])).rows[0]?.ok === true;
  if (await exists()) return;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [relation]);
    if (!(await exists())) await create();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
