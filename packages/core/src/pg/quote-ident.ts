/**
 * The one place where SQL text meets names and literals. Everything that renders SQL
 * goes through these; nothing else concatenates identifiers.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new TypeError('empty SQL identifier');
  if (name.includes('\u0000')) throw new TypeError('SQL identifier contains NUL');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.table`, both parts quoted. */
export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * A string literal. Uses E'' only when a backslash is present, so output stays
 * readable and is correct whatever `standard_conforming_strings` says.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new TypeError('SQL literal contains NUL');
  const body = value.replaceAll("'", "''");
  return body.includes('\\') ? `E'${body.replaceAll('\\', '\\\\')}'` : `'${body}'`;
}

/**
 * A bytea literal from hex digits. The backslash of `\x` goes through quoteLiteral, so it
 * reads as bytea hex input whatever `standard_conforming_strings` says.
 */
export function quoteBytea(hex: string): string {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new TypeError('bytea literal needs pairs of hex digits');
  return `${quoteLiteral(`\\x${hex.toLowerCase()}`)}::bytea`;
}

/** An identifier in SQL sent to SQLite (reading the source); same rule, kept apart so the two dialects can diverge. */
export function quoteSqliteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A string literal in SQL sent to SQLite (catdb's triggers in the source file). SQLite has no
 * backslash escapes; a quote is doubled. NUL would end the statement early, so it is refused.
 */
export function quoteSqliteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new TypeError('SQLite literal contains NUL');
  return `'${value.replaceAll("'", "''")}'`;
}
