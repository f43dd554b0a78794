import { basename, extname } from 'node:path';

/** The database on catdb's local server for a SQLite file, named after it: `My App.sqlite` → `my_app`. Pure. */
export function localDatabaseName(file: string): string {
  const stem = basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!stem) return 'catdb';
  return (/^[a-z_]/.test(stem) ? stem : `db_${stem}`).slice(0, 63);
}
