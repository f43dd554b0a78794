import type { CheckState } from './check-state.js';

/** Nagios plugin states, in the order of their exit codes 0–3 (see CHECK_EXIT_CODE). */
export type NagiosState = CheckState;

/** One performance datum: `'label'=value[UOM];[warn];[crit];[min];[max]`. */
export interface PerfDatum {
  label: string;
  /** `null` when it could not be determined; written `U`, as the guidelines allow. */
  value: number | bigint | null;
  /** `s` seconds, `B` bytes, `%`, `c` counter, or none for a count of things. */
  uom?: '' | 's' | 'B' | '%' | 'c';
  /** Ranges in the guidelines' syntax, in the datum's unit (see renderNagiosRange). */
  warn?: string;
  crit?: string;
  min?: number | bigint;
  max?: number | bigint;
}

// Nagios reads only the first 4 KB of a plugin's output; perfdata after a long text would be cut off.
const MAX_TEXT = 1500;

/** Text that cannot break the status line: no control characters, no `|` (it starts perfdata). */
function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replaceAll('|', '/').replace(/ {2,}/g, ' ').trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

function label(name: string): string {
  // Labels cannot hold '=' and are quoted when they hold anything but plain characters ('' is a quote).
  const clean = oneLine(name).replaceAll('=', '_');
  return /^[A-Za-z0-9_.:\/-]+$/.test(clean) ? clean : `'${clean.replaceAll("'", "''")}'`;
}

/** Perfdata values are `[-0-9.]`: never an exponent, which String() writes below 1e-6 and from 1e21. */
function plain(n: number | bigint): string {
  if (typeof n === 'bigint') return String(n);
  if (!Number.isFinite(n)) return 'U';
  const text = String(n);
  if (!text.includes('e')) return text;
  if (Number.isInteger(n)) return BigInt(n).toString();
  return n.toFixed(Math.min(100, Math.ceil(-Math.log10(Math.abs(n))) + 6)).replace(/0+$/, '');
}

function datum(p: PerfDatum): string {
  const fields = [p.value === null ? 'U' : `${plain(p.value)}${p.uom ?? ''}`, p.warn ?? '', p.crit ?? '', p.min === undefined ? '' : plain(p.min), p.max === undefined ? '' : plain(p.max)];
  while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
  return `${label(p.label)}=${fields.join(';')}`;
}

/**
 * The one status line of a Nagios plugin, as the plugin guidelines lay it out:
 * `SERVICE STATE: text | perfdata`. The text is kept to one line without `|`, and labels
 * are quoted where the guidelines want it, so hostile names cannot add lines or data. Pure.
 */
export function renderNagiosStatus(service: string, state: NagiosState, text: string, perf: readonly PerfDatum[] = []): string {
  const body = oneLine(text);
  return `${service} ${state}${body ? `: ${body}` : ''}${perf.length ? ` | ${perf.map(datum).join(' ')}` : ''}`;
}
