// Nouns whose plural is not just +s, among those the CLI counts.
const IRREGULAR: Record<string, string> = { index: 'indexes', 'virtual table': 'virtual tables', entry: 'entries', process: 'processes' };

/**
 * `1 table`, `2 tables`, `0 rows`: a count and its noun, agreed. `shown` is how the number is
 * written when not plainly (`1,234`, `1.2M`); the noun agrees with `n` either way.
 */
export function plural(n: number | bigint, noun: string, shown: string = String(n)): string {
  return `${shown} ${n === 1 || n === 1n ? noun : (IRREGULAR[noun] ?? `${noun}s`)}`;
}
