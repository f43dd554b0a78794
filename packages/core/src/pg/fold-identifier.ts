/** PostgreSQL keeps the first NAMEDATALEN-1 bytes of an identifier and drops the rest. */
export const PG_MAX_IDENTIFIER_BYTES = 63;

export type IdentifierMode = 'lower' | 'preserve';

/**
 * The PostgreSQL name for a SQLite name: lower-cased by default (so unquoted SQL keeps
 * working), then cut at 63 bytes on a character boundary exactly as the server would.
 */
export function foldIdentifier(name: string, mode: IdentifierMode): string {
  return truncateIdentifier(mode === 'lower' ? name.toLowerCase() : name);
}

/**
 * `name` cut to at most `maxBytes` bytes of UTF-8, never inside a character (a 4-byte
 * emoji is kept whole or left out whole). The one place names are shortened.
 */
export function truncateIdentifier(name: string, maxBytes = PG_MAX_IDENTIFIER_BYTES): string {
  if (Buffer.byteLength(name, 'utf8') <= maxBytes) return name;
  let out = '';
  let bytes = 0;
  for (const ch of name) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > maxBytes) break;
    out += ch;
    bytes += b;
  }
  return out;
}
