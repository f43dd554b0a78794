/** One argument for a POSIX shell, single-quoted unless it is plain: what a user can paste as printed. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
