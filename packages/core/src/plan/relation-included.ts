/**
 * Whether `--include` / `--exclude` keep a SQLite table or view: listed in `include` (or no
 * `include` given) and not in `exclude`. Names compare case-insensitively, as SQLite's do.
 */
export function relationIncluded(name: string, filter: { include?: readonly string[] | undefined; exclude?: readonly string[] | undefined }): boolean {
  const lower = name.toLowerCase();
  return (!filter.include?.length || filter.include.some((n) => n.toLowerCase() === lower)) && !filter.exclude?.some((n) => n.toLowerCase() === lower);
}
