import { existsSync, readFileSync } from 'node:fs';
import { writeOwnedFile } from '../fs/write-owned-file.js';

/** Escape a field for the libpq passfile format (`:` and `\` are special). */
export function escapePgpassField(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll(':', '\\:');
}

export interface PgpassEntry {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
}

/** One line of a libpq passfile (see libpq "The Password File"). */
export function renderPgpassLine(entry: PgpassEntry): string {
  return [entry.host, entry.port, entry.database, entry.user, entry.password].map(escapePgpassField).join(':');
}

function splitPgpassLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) current += line[++i];
    else if (ch === ':') {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/** Finds the password for a connection the way libpq does (first matching line wins, `*` matches all). */
export function lookupPgpass(file: string, host: string, port: number | string, database: string, user: string): string | undefined {
  if (!existsSync(file)) return undefined;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    if (!raw || raw.startsWith('#')) continue;
    const f = splitPgpassLine(raw);
    if (f.length < 5) continue;
    const want = [host, String(port), database, user];
    if (want.every((w, i) => f[i] === '*' || f[i] === w)) return f.slice(4).join(':');
  }
  return undefined;
}

/**
 * Writes a passfile readable only by its owner (libpq ignores group/world-readable ones).
 * Replaces an existing file only in a folder catdb owns (FS_NOT_OWNED otherwise).
 */
export function writePgpassFile(file: string, entries: PgpassEntry[]): void {
  writeOwnedFile(file, entries.map(renderPgpassLine).join('\n') + '\n', 0o600);
}
