/**
 * A libpq keyword/value string as renderConninfo writes it (values bare or single-quoted,
 * `\'` and `\\` escaped) → its settings. Reads what catdb wrote back, e.g. the user of a
 * standby's primary_conninfo.
 */
export function parseConninfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_]+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(\S+))/g;
  for (const m of text.matchAll(re)) out[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
  return out;
}
