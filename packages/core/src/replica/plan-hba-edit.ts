import { isIP } from 'node:net';
import { CatdbError } from '../errors.js';

const HBA_KEYWORDS = new Set(['all', 'sameuser', 'samerole', 'samegroup', 'replication']);

function hbaToken(value: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(value) && !HBA_KEYWORDS.has(value)) return value;
  if (/["\s]/.test(value)) {
    throw new CatdbError('USAGE_INVALID_OPTION', `The role name ${JSON.stringify(value)} cannot be written into pg_hba.conf`, {
      hint: 'Use a role name without double quotes or spaces.',
    });
  }
  return `"${value}"`;
}

/** Checks `--allow-from`: an IPv4/IPv6 address with a prefix length, or samehost/samenet. */
export function validateCidr(cidr: string): string {
  if (cidr === 'samehost' || cidr === 'samenet') return cidr;
  const [addr, bits, extra] = cidr.split('/');
  const family = isIP(addr ?? '');
  const max = family === 4 ? 32 : 128;
  if (!family || extra !== undefined || bits === undefined || !/^\d+$/.test(bits) || Number(bits) > max) {
    throw new CatdbError('USAGE_INVALID_OPTION', `--allow-from: "${cidr}" is not an address with a prefix length`, {
      hint: 'Use e.g. 10.0.0.0/24, 127.0.0.1/32 or ::1/128.',
    });
  }
  return cidr;
}

/** The pg_hba.conf line that lets `user` open replication connections from `cidr` with SCRAM. */
export function renderHbaLine(user: string, cidr: string): string {
  return `host    replication    ${hbaToken(user)}    ${validateCidr(cidr)}    scram-sha-256`;
}

export interface HbaEdit {
  /** The line (or an identical one) is already in the file. */
  present: boolean;
  /** The file with the line added; equal to the input when present. */
  content: string;
}

function tokens(line: string): string[] {
  return line.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean).map((t) => t.replace(/^"(.*)"$/, '$1'));
}

/**
 * Adds `line` to pg_hba.conf content unless an equivalent line exists. The first matching
 * line wins in pg_hba.conf, so it goes before the first rule, not at the end where a broader
 * `reject` could shadow it.
 */
export function planHbaEdit(content: string, line: string): HbaEdit {
  const want = tokens(line).join(' ');
  const lines = content === '' ? [] : content.replace(/\n$/, '').split('\n');
  if (lines.some((l) => tokens(l).join(' ') === want)) return { present: true, content };
  const firstRule = lines.findIndex((l) => tokens(l).length > 0);
  const at = firstRule === -1 ? lines.length : firstRule;
  const block = ['# Added by catdb replica prepare-primary', line];
  const next = [...lines.slice(0, at), ...block, ...(firstRule === -1 ? [] : ['']), ...lines.slice(at)];
  let text = next.join('\n');
  if (!text.endsWith('\n')) text += '\n';
  return { present: false, content: text };
}
