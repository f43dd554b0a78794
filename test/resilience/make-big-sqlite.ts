import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';

/**
 * A SQLite file with one table large enough that its COPY lasts a few seconds
 * (`big`: `rows` short rows; encoding, not bytes, sets the pace) and three small tables that load at once,
 * plus a foreign key and an index so the post-load phases have work.
 */
export function makeBigSqlite(file: string, rows = 2_500_000): void {
  const Database = loadBetterSqlite3();
  const db = new Database(file);
  db.exec(`
    CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE small_a (id INTEGER PRIMARY KEY, v TEXT);
    CREATE TABLE small_b (id INTEGER PRIMARY KEY, v REAL);
    CREATE TABLE big (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id), payload TEXT NOT NULL, n INTEGER);
    CREATE INDEX big_parent ON big(parent_id);
    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100) INSERT INTO parent SELECT x, 'p' || x FROM c;
    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500) INSERT INTO small_a SELECT x, 'a' || x FROM c;
    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500) INSERT INTO small_b SELECT x, x / 7.0 FROM c;
    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${Math.trunc(rows)})
      INSERT INTO big SELECT x, 1 + x % 100, 'row ' || x, x * 7919 FROM c;
  `);
  db.close();
}
