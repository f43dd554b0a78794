import type { ValueKind } from '../mapping/value-kind.js';

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Escapes a value for COPY's text format (backslash, newline, carriage return, tab). */
export function escapeCopyText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (ch) => ESCAPES[ch]!) : text;
}

/** How a canonical value is written into COPY text for a kind. */
export function copyField(kind: ValueKind, canonical: string): string {
  switch (kind) {
    case 'text':
    case 'json':
    case 'jsonb':
      return escapeCopyText(canonical);
    case 'bytea':
      // `\x` reaches byteain only if the backslash itself is escaped for COPY.
      return '\\\\x' + canonical;
    default:
      return canonical;
  }
}
