import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_TABLES } from './bench-types.js';
import { runTimed } from './run-timed.js';

/**
 * What the \copy reference reads. media_items is exported column by column so its BLOB
 * becomes `\x`-hex text that bytea accepts; the other tables have no BLOBs. The sqlite3
 * CLI writes NULL as an unquoted empty field, which CSV COPY reads as NULL.
 */
export function exportQuery(table: string): string {
  if (table === 'media_items') {
    return (
      'SELECT id, storage_root_id, path, title, media_type, year, rating, size_bytes, duration_seconds, is_favorite, metadata, ' +
      "CASE WHEN thumbnail IS NULL THEN NULL ELSE '\\x' || hex(thumbnail) END, created_at, updated_at FROM media_items ORDER BY id"
    );
  }
  // media_tags is WITHOUT ROWID: its natural order is its primary key, which a plain scan gives.
  return `SELECT * FROM "${table}"`;
}

/**
 * Exports every benchmark table to `<cacheDir>/csv-<rows>/<table>.csv` with the sqlite3
 * CLI (untimed preparation of the \copy reference). Cached: a `.complete` marker records
 * the source file's size and mtime, and a changed source is exported again.
 */
export async function exportCsvFiles(opts: { dbPath: string; cacheDir: string; rows: number; timeoutMs: number; signal: AbortSignal; log: (line: string) => void }): Promise<string> {
  const dir = join(opts.cacheDir, `csv-${opts.rows}`);
  const marker = join(dir, '.complete');
  const st = statSync(opts.dbPath);
  const stamp = `${st.size} ${st.mtimeMs}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  opts.log(`exporting CSV for the \\copy reference into ${dir} (untimed)…`);
  for (const table of BENCH_TABLES) {
    const res = await runTimed({
      label: `sqlite3 -csv ${table}`,
      file: 'sqlite3',
      args: ['-readonly', '-batch', '-csv', opts.dbPath, exportQuery(table)],
      env: process.env,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
      stdoutFile: join(dir, `${table}.csv`),
    });
    if (res.exitCode !== 0) throw new Error(`sqlite3 export of ${table} exited with ${res.exitCode}: ${res.stderrTail}`);
  }
  writeFileSync(marker, stamp);
  return dir;
}
