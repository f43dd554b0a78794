/**
 * Text from the SQLite file (names, SQL, values in messages) made safe to print on a
 * terminal: control characters other than newline and tab, C1 controls and the Unicode
 * bidirectional overrides are shown as escapes. Without this a hostile table name could
 * move the cursor, rewrite what the operator sees (CR, ESC sequences) or reorder the
 * characters of a line. Our own styling is added after this, so it is never escaped.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

// C0 controls but \t and \n, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
