/// <reference path="./pgpass-helper.d.ts" />
// The reference lets programs that compile these sources directly (bench, scripts) see the module's types.
import { existsSync, readFileSync } from 'node:fs';
import pgpass from 'pgpass/lib/helper.js';
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

/**
 * Finds the password for a connection in a libpq passfile: the first matching line wins, `*`
 * matches anything. Lines are read by the `pgpass` module, the one node-postgres itself uses,
 * so catdb and its client read a passfile alike (escapes, the port as a number, lines it skips).
 */
export function lookupPgpass(file: string, host: string, port: number | string, database: string, user: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const want = { host, port, database, user };
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    // libpq skips comment lines; the module would try to read them as entries.
    if (line.startsWith('#')) continue;
    const entry = pgpass.parseLine(line);
    if (entry && pgpass.isValidEntry(entry) && pgpass.match(want, entry)) return entry.password;
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
