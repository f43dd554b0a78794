/**
 * A threshold range as the Nagios plugin guidelines define it ("Threshold and Ranges"):
 * `10` alerts outside 0..10, `10:` below 10, `~:10` above 10, `10:20` outside 10..20, and a
 * leading `@` alerts inside the range instead. Ends are inclusive; `null` is infinity.
 */
export interface NagiosRange<T = number | bigint> {
  start: T | null;
  end: T | null;
  inside: boolean;
}

/** The plain form `N`: alert when above `limit` (and below 0, which lag never is). */
export function upTo<T extends number | bigint>(limit: T): NagiosRange<T> {
  return { start: (typeof limit === 'bigint' ? 0n : 0) as T, end: limit, inside: false };
}

/** True when `value` raises the alert the range stands for. Pure. */
export function rangeAlerts(range: NagiosRange, value: number | bigint): boolean {
  const within = (range.start === null || value >= range.start) && (range.end === null || value <= range.end);
  return range.inside ? within : !within;
}

/**
 * The range in the guidelines' syntax, its ends passed through `show` (e.g. to change the unit):
 * `16777216`, `10:`, `~:30`, `@1:5`. Pure.
 */
export function renderNagiosRange<T extends number | bigint>(range: NagiosRange<T>, show: (end: T) => string = String): string {
  const start = range.start === null ? '~' : show(range.start);
  const end = range.end === null ? '' : show(range.end);
  const isZero = range.start !== null && Number(range.start) === 0;
  const body = isZero && range.end !== null ? end : `${start}:${end}`;
  return `${range.inside ? '@' : ''}${body}`;
}

/**
 * Takes the guidelines' syntax apart; the ends stay text (units and all) for the caller to
 * read, and an omitted start is `0`. Errors: a plain Error saying what is wrong.
 */
export function parseNagiosRange(text: string): NagiosRange<string> {
  const trimmed = text.trim();
  const inside = trimmed.startsWith('@');
  const body = inside ? trimmed.slice(1).trim() : trimmed;
  const colon = body.indexOf(':');
  if (colon !== body.lastIndexOf(':')) throw new Error('a range has at most one ":"');
  if (colon < 0) {
    if (body === '') throw new Error('the range is empty');
    return { start: '0', end: body, inside };
  }
  const left = body.slice(0, colon).trim();
  const right = body.slice(colon + 1).trim();
  if ((left === '' || left === '~') && right === '') throw new Error('the range has no end');
  return { start: left === '~' ? null : left || '0', end: right || null, inside };
}
