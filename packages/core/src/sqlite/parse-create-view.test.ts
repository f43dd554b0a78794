import { describe, expect, it } from 'vitest';
import { parseCreateView } from './parse-create-view.js';

const query = (sql: string): string | undefined => parseCreateView(sql)?.query.map((t) => t.text).join(' ');

describe('parseCreateView', () => {
  it.each<[string, string[], string]>([
    ['CREATE VIEW v AS SELECT 1', [], 'SELECT 1'],
    ['CREATE TEMP VIEW IF NOT EXISTS main."my view" AS SELECT a FROM t;', [], 'SELECT a FROM t'],
    ['CREATE VIEW [v(x)] (a, "b c") AS SELECT 1, 2', ['a', 'b c'], 'SELECT 1 , 2'],
    ["CREATE VIEW v /* AS SELECT 0 */ AS\n  SELECT 'AS' AS x", [], "SELECT 'AS' AS x"],
  ])('%j', (sql, columns, body) => {
    expect(parseCreateView(sql)?.columns).toEqual(columns);
    expect(query(sql)).toBe(body);
  });

  it.each(['CREATE TABLE v AS SELECT 1', 'CREATE VIEW v SELECT 1', 'CREATE VIEW v (a b) AS SELECT 1', 'CREATE VIEW IF v AS SELECT 1'])('does not read %j', (sql) => {
    expect(parseCreateView(sql)).toBeUndefined();
  });
});
