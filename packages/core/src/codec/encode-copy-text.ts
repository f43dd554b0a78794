const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Escapes a value for COPY's text format (backslash, newline, carriage return, tab). */
export function escapeCopyText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (ch) => ESCAPES[ch]!) : text;
}
