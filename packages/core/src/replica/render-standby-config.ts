/** Settings of one libpq connection string; values are rendered quoted. */
export type ConninfoParams = Record<string, string | number | undefined>;

/** A libpq keyword/value connection string: every value single-quoted, `\` and `'` escaped. */
export function renderConninfo(params: ConninfoParams): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => `${k}='${String(v).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`)
    .join(' ');
}

function confValue(value: string | number | boolean): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  // postgresql.conf strings: '' for a quote, and backslashes are escapes (guc-file.l).
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * postgresql.auto.conf for the standby: the base backup's copy with every key we set removed,
 * then ours appended (the last occurrence of a setting wins, but one occurrence is clearer).
 */
export function renderStandbyAutoConf(existing: string, settings: Record<string, string | number | boolean>): string {
  const keys = new Set(Object.keys(settings).map((k) => k.toLowerCase()));
  const kept = existing
    .split('\n')
    .filter((line) => {
      const m = /^\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*=?/.exec(line);
      return !(m && keys.has(m[1]!.toLowerCase()));
    })
    .join('\n')
    .replace(/\n*$/, '\n');
  const ours = Object.entries(settings).map(([k, v]) => `${k} = ${confValue(v)}`);
  return `${kept === '\n' ? '' : kept}# Standby settings written by catdb replica init\n${ours.join('\n')}\n`;
}

/** True when a config text holds a `password=` anywhere (catdb refuses to leave one behind). */
export function containsPassword(text: string): boolean {
  return /(^|[\s'"])password\s*=/i.test(text);
}
