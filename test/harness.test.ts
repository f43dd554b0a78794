import { describe, expect, it } from 'vitest';
import { createScratchDatabase } from './support/scratch-database.js';

describe('test harness', () => {
  it('reaches a real PostgreSQL 15+ and isolates databases', async () => {
    const db = await createScratchDatabase('harness');
    const client = await db.connect();
    try {
      const { rows } = await client.query<{ v: string; d: string }>("select current_setting('server_version_num') as v, current_database() as d");
      expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(150000);
      expect(rows[0]!.d).toBe(db.name);
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
