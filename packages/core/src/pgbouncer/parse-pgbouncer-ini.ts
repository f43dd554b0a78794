/** `pgbouncer.ini` as sections of key → value (keys lower-cased, comments dropped). */
export type PgbouncerIni = Record<string, Record<string, string>>;

/**
 * Reads the subset of PgBouncer's ini syntax catdb writes: `[section]`, `key = value`,
 * `;` and `#` comments. Enough to find the pidfile and listen address of an existing folder.
 */
export function parsePgbouncerIni(text: string): PgbouncerIni {
  const result: PgbouncerIni = {};
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim().toLowerCase();
      result[section] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    (result[section] ??= {})[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return result;
}
