/** What a rendered piece of PostgreSQL text is, which decides the space around it. */
export type PgRole = 'keyword' | 'name' | 'function' | 'literal' | 'operator' | 'open' | 'close' | 'comma' | 'dot' | 'type';

export interface PgPart {
  text: string;
  role: PgRole;
}

/**
 * Joins the parts with a space, which keeps every token whole in PostgreSQL's lexer (`- -`
 * is not a comment, `/ *` no comment start). Only next to parentheses, commas and the dot
 * between names, which never combine with a neighbour, does the text stay tight.
 */
export function joinPgParts(parts: readonly PgPart[]): string {
  let out = '';
  parts.forEach((p, k) => {
    const before = parts[k - 1];
    const tight =
      before === undefined ||
      before.role === 'open' ||
      p.role === 'close' ||
      p.role === 'comma' ||
      (p.role === 'open' && (before.role === 'function' || (before.role === 'keyword' && before.text === 'CAST'))) ||
      (p.role === 'dot' && before.role === 'name') ||
      (before.role === 'dot' && (p.role === 'name' || p.text === '*'));
    out += (tight ? '' : ' ') + p.text;
  });
  return out;
}
