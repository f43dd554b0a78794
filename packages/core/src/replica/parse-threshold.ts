import { CatdbError } from '../errors.js';
import { parseNagiosRange, upTo, type NagiosRange } from '../monitoring/nagios-range.js';

/**
 * A lag limit: bytes behind, time behind, or both (either alerting counts). Each is a plain
 * limit (alert above it) or a Nagios range (`10:`, `~:10`, `@1:5`…, see NagiosRange).
 */
export interface LagThreshold {
  /** Bytes of WAL not yet replayed. */
  bytes?: bigint | NagiosRange<bigint>;
  /** Replay delay in milliseconds. */
  ms?: number | NagiosRange<number>;
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

type End = { kind: 'bytes'; value: bigint; bare: boolean } | { kind: 'ms'; value: number; bare: false };

function readEnd(text: string): End | undefined {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
  if (!m) return undefined;
  const [, digits, rawUnit] = m;
  const unit = rawUnit!.toLowerCase();
  // A bare "m" is ambiguous (minutes or MB); PostgreSQL spells minutes "min", so read it as MB.
  if (unit in SIZE_UNITS) return { kind: 'bytes', value: BigInt(digits!) * SIZE_UNITS[unit]!, bare: unit === '' };
  if (unit in TIME_UNITS) return { kind: 'ms', value: Number(digits) * TIME_UNITS[unit]!, bare: false };
  return undefined;
}

function parsePart(part: string, option: string): LagThreshold {
  const fail = (why: string): CatdbError =>
    new CatdbError('USAGE_INVALID_OPTION', `${option}: cannot read "${part}" as a size or a duration (${why})`, {
      hint: 'Use a limit in bytes (16MB, 1GB) or time (500ms, 30s, 5min), both separated by a comma (16MB,30s), or a Nagios range (10:, ~:30s, @1MB:16MB).',
      details: { option, value: part },
    });
  let range: NagiosRange<string>;
  try {
    range = parseNagiosRange(part);
  } catch (err) {
    throw fail((err as Error).message);
  }
  const ends = [range.start, range.end].map((t) => (t === null ? null : readEnd(t)));
  if (ends.some((e) => e === undefined)) throw fail('not a whole number with a unit');
  const [start, end] = ends as [End | null, End | null];
  // A bare number is bytes, but the implicit start 0 (and an explicit bare 0) fits a duration too.
  const timed = [start, end].some((e) => e?.kind === 'ms');
  if (timed && [start, end].some((e) => e?.kind === 'bytes' && !(e.bare && e.value === 0n))) throw fail('one end is a size, the other a duration');
  if (start && end && start.value > end.value) throw fail('the start of the range is above its end');
  if (timed) {
    const ms = (e: End | null): number | null => (e === null ? null : Number(e.value));
    return { ms: { start: ms(start), end: ms(end), inside: range.inside } };
  }
  const bytes = (e: End | null): bigint | null => (e === null ? null : BigInt(e.value));
  return { bytes: { start: bytes(start), end: bytes(end), inside: range.inside } };
}

/**
 * Reads `--warn`/`--crit` values: `16MB`, `30s`, `16MB,30s`, or Nagios ranges such as `10:`,
 * `~:30s`, `@1MB:16MB`; may be given several times (later parts override earlier ones of the
 * same kind). A plain limit alerts above it, so `0s` alerts on any delay. Sizes are powers of
 * 1024; a bare number is bytes. Errors: USAGE_INVALID_OPTION.
 */
export function parseThreshold(values: string | readonly string[] | undefined, option = '--warn'): LagThreshold | undefined {
  if (values === undefined) return undefined;
  const parts = (typeof values === 'string' ? [values] : values).flatMap((v) => v.split(',')).filter((p) => p.trim() !== '');
  if (parts.length === 0) return undefined;
  return parts.reduce<LagThreshold>((acc, part) => ({ ...acc, ...parsePart(part, option) }), {});
}

/** A threshold's byte and time ranges, a plain limit read as `0:limit`. Pure. */
export function thresholdRanges(t: LagThreshold | undefined): { bytes: NagiosRange<bigint> | undefined; ms: NagiosRange<number> | undefined } {
  const bytes = t?.bytes === undefined ? undefined : typeof t.bytes === 'bigint' ? upTo(t.bytes) : t.bytes;
  const ms = t?.ms === undefined ? undefined : typeof t.ms === 'number' ? upTo(t.ms) : t.ms;
  return { bytes, ms };
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
