/** A literal SQLite DEFAULT, read with SQLite's own tokens (see mapDefault). */
export type DefaultLiteral = { type: 'number'; text: string } | { type: 'string'; value: string } | { type: 'blob'; hex: string } | { type: 'bool'; value: boolean };

/** The literal as text (booleans as `true`/`false`), or undefined for a BLOB. */
export function literalText(lit: DefaultLiteral): string | undefined {
  return lit.type === 'number' ? lit.text : lit.type === 'string' ? lit.value : lit.type === 'bool' ? (lit.value ? 'true' : 'false') : undefined;
}

/** A numeric literal default, as written (float and numeric columns). */
export function numberDefault(lit: DefaultLiteral): { sql: string } | { reason: string } {
  const text = literalText(lit);
  if (text !== undefined && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return { sql: text.trim() };
  return { reason: 'not a number' };
}
