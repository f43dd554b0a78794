/** Lower-case words, then at most `(n)` or `(p,s)`: the only shape a type name in catdb's DDL may have. */
const TYPE_NAME = /^([a-z][a-z0-9_]*(?: [a-z][a-z0-9_]*)*)(?:\((\d{1,8})(?:,(\d{1,8}))?\))?$/;

/**
 * A PostgreSQL type name in the one form catdb writes into DDL (`numeric(12,2)`,
 * `double precision`), or undefined when the text is not a plain type name. Type names are
 * not quoted in DDL, so nothing else may reach it: this is checked where a user's `--cast`
 * is read and again where CREATE TABLE is rendered.
 */
export function pgTypeName(text: string): string | undefined {
  const m = TYPE_NAME.exec(text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/ ?([(),]) ?/g, '$1'));
  if (!m) return undefined;
  return m[2] === undefined ? m[1] : `${m[1]}(${Number(m[2])}${m[3] === undefined ? '' : `,${Number(m[3])}`})`;
}
