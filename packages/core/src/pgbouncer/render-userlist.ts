import { secretType } from '../scram/secret-type.js';
import type { UserlistEntry } from './types.js';

function quote(field: string): string {
  return `"${field.replaceAll('"', '""')}"`;
}

/** What `--dry-run` shows instead of a secret: its kind, never a part of it. */
export function maskSecret(secret: string): string {
  const type = secretType(secret);
  if (type === 'scram-sha-256') return 'SCRAM-SHA-256$<masked>';
  if (type === 'md5') return 'md5<masked>';
  return '<masked password>';
}

/**
 * `userlist.txt` in PgBouncer's format (`"user" "secret"`, double quotes doubled).
 * With `mask`, secrets are replaced by their kind so the output is safe to print.
 */
export function renderUserlist(entries: readonly UserlistEntry[], options: { mask?: boolean } = {}): string {
  const lines = entries.map((e) => `${quote(e.user)} ${quote(options.mask ? maskSecret(e.secret) : e.secret)}`);
  return lines.join('\n') + '\n';
}

/** Reads a userlist back (first two quoted fields per line; the rest is ignored, as PgBouncer does). */
export function parseUserlist(text: string): UserlistEntry[] {
  const entries: UserlistEntry[] = [];
  for (const line of text.split('\n')) {
    const fields: string[] = [];
    let i = 0;
    while (fields.length < 2 && i < line.length) {
      const start = line.indexOf('"', i);
      if (start < 0) break;
      let value = '';
      let j = start + 1;
      for (; j < line.length; j++) {
        if (line[j] === '"') {
          if (line[j + 1] === '"') {
            value += '"';
            j++;
          } else break;
        } else value += line[j];
      }
      fields.push(value);
      i = j + 1;
    }
    if (fields.length === 2) entries.push({ user: fields[0]!, secret: fields[1]! });
  }
  return entries;
}
