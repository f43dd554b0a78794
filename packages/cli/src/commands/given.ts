/**
 * The options a user gave, for spreading into a library call: keys whose value is undefined or
 * an empty string are left out, so the library's own default applies to them.
 */
export function given<T extends Record<string, string | number | undefined>>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== '')) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
