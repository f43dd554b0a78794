import { CatdbError } from '../errors.js';

/** A lag limit: bytes behind, time behind, or both (whichever is reached first counts). */
export interface LagThreshold {
  /** Bytes of WAL not yet replayed. */
  bytes?: bigint;
  /** Replay delay in milliseconds. */
  ms?: number;
}

// PostgreSQL's own memory units are powers of 1024 (kB = 1024 bytes); accept the common spellings.
const SIZE_UNITS: Record<string, bigint> = {
  b: 1n, '': 1n,
  k: 1024n, kb: 1024n, kib: 1024n,
  m: 1024n ** 2n, mb: 1024n ** 2n, mib: 1024n ** 2n,
  g: 1024n ** 3n, gb: 1024n ** 3n, gib: 1024n ** 3n,
  t: 1024n ** 4n, tb: 1024n ** 4n, tib: 1024n ** 4n,
};
const TIME_UNITS: Record<string, number> = {
  ms: 1, s: 1000, sec: 1000, min: 60_000, m: 60_000, h: 3_600_000, d: 86_400_000,
};

function parsePart(part: string, option: string): LagThreshold {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(part.trim());
  if (m) {
    const [, digits, rawUnit] = m;
    const unit = rawUnit!.toLowerCase();
    // A bare "m" is ambiguous (minutes or MB); PostgreSQL spells minutes "min", so read it as MB.
    if (unit in SIZE_UNITS) return { bytes: BigInt(digits!) * SIZE_UNITS[unit]! };
    if (unit in TIME_UNITS) return { ms: Number(digits) * TIME_UNITS[unit]! };
  }
  throw new CatdbError('USAGE_INVALID_OPTION', `${option}: cannot read "${part}" as a size or a duration`, {
    hint: 'Use bytes (16777216, 16MB, 1GB), a duration (500ms, 30s, 5min, 1h) or both separated by a comma (16MB,30s).',
    details: { option, value: part },
  });
}

/**
 * Reads `--warn`/`--crit` values: `16MB`, `30s`, `16MB,30s`; may be given several times
 * (later parts override earlier ones of the same kind). Sizes are powers of 1024; a bare
 * number is bytes. Errors: USAGE_INVALID_OPTION.
 */
export function parseThreshold(values: string | readonly string[] | undefined, option = '--warn'): LagThreshold | undefined {
  if (values === undefined) return undefined;
  const parts = (typeof values === 'string' ? [values] : values).flatMap((v) => v.split(',')).filter((p) => p.trim() !== '');
  if (parts.length === 0) return undefined;
  return parts.reduce<LagThreshold>((acc, part) => ({ ...acc, ...parsePart(part, option) }), {});
}

/** `16777216` → `16MB`, exact powers only; otherwise bytes. For messages. */
export function formatBytes(bytes: bigint): string {
  const units: Array<[string, bigint]> = [['TB', 1024n ** 4n], ['GB', 1024n ** 3n], ['MB', 1024n ** 2n], ['kB', 1024n]];
  for (const [name, size] of units) {
    if (bytes >= size) {
      // One decimal is enough to read; the exact number is in the JSON and perfdata.
      const tenths = (bytes * 10n) / size;
      return `${tenths / 10n}${tenths % 10n === 0n ? '' : '.' + (tenths % 10n)} ${name}`;
    }
  }
  return `${bytes} B`;
}
