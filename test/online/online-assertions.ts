import { expect } from 'vitest';
import type { PgClient } from '../support/core-internals.js';
import { expectedRows, type WriterLine } from './app-writer-run.js';
import { FENCE_MESSAGE } from '../support/core-internals.js';

const KEYS: Record<string, string[]> = { items: ['id'], tags: ['name', 'item_id'], users: ['email'], events: ['id'] };

/** The writer's row as the target prints it with to_jsonb: BLOBs as bytea text. */
function asTarget(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v && typeof v === 'object' && 'hex' in v ? `\\x${(v as { hex: string }).hex}` : v]));
}

/**
 * Every write the writer saw committed is in the target: for each key it touched, the
 * target row equals the row the last committed write left (or is gone with it).
 * Returns how many keys were checked.
 */
export async function expectCommittedWritesInTarget(client: PgClient, lines: readonly WriterLine[], schema = 'public'): Promise<number> {
  const expected = expectedRows(lines);
  const wrong: string[] = [];
  for (const { table, key, row } of expected.values()) {
    const cols = KEYS[table]!;
    const res = await client.query<{ j: Record<string, unknown> }>(`SELECT to_jsonb(t) AS j FROM "${schema}"."${table}" t WHERE (${cols.map((c) => `"${c}"`).join(', ')}) = (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, key);
    const got = res.rows[0]?.j ?? null;
    const want = row === null ? null : asTarget(row);
    if (JSON.stringify(got && sortKeys(got)) !== JSON.stringify(want && sortKeys(want))) wrong.push(`${table} ${JSON.stringify(key)}: target ${JSON.stringify(got)}, writer ${JSON.stringify(want)}`);
  }
  expect(wrong.slice(0, 10)).toEqual([]);
  return expected.size;
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** Writes after the first failure: every one failed, with catdb's fence message. */
export function expectFencedAfterCutover(lines: readonly WriterLine[]): void {
  const first = lines.findIndex((l) => !l.ok);
  expect(first, 'the writer never met the fence').toBeGreaterThan(0);
  const after = lines.slice(first);
  expect(after.filter((l) => l.ok)).toEqual([]);
  expect(new Set(after.map((l) => l.error))).toEqual(new Set([FENCE_MESSAGE]));
}
