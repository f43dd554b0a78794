import { parsePostgresUrl } from './parse-postgres-url.js';

const MASK = '*****';

// libpq keywords whose values are secrets, in a URI query or a keyword/value string.
const SECRET_KEYS = new Set(['password', 'sslpassword']);

// Only what a scheme can be followed by; `u:pw@host` must not lose `u:` as a "scheme".
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/|^postgres(?:ql)?:\/*/i;

/**
 * Whatever follows the first `:` of the user info, which ends at the LAST `@`: libpq stops
 * at the first `@`, the WHATWG parser at the last, and an unencoded `@`, `/` or `?` in a
 * password leaves either one reading some of it as host; taking the widest span masks the
 * whole password in every reading (at worst a query `@` masks the host too).
 */
function maskUserInfo(text: string): string {
  const scheme = SCHEME.exec(text)?.[0] ?? '';
  const rest = text.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  if (at < 0) return text;
  const colon = rest.indexOf(':');
  if (colon < 0 || colon > at || colon === at - 1) return text;
  return `${scheme}${rest.slice(0, colon + 1)}${MASK}${rest.slice(at)}`;
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key).trim().toLowerCase();
  } catch {
    return key.trim().toLowerCase();
  }
}

/** `password=` / `sslpassword=` query parameters; libpq percent-decodes keys, so `pass%77ord` counts. */
function maskQuery(text: string): string {
  // To the next `&` only: libpq does not treat `#` as the end of a value.
  return text.replace(/([?&])([^=&?]*)=([^&]*)/g, (whole, sep: string, key: string) => (SECRET_KEYS.has(decodeKey(key)) ? `${sep}${key}=${MASK}` : whole));
}

/** Keyword/value settings (`password='a b'`), quoted or not; an unterminated quote runs to the end. */
function maskKeywordValues(text: string): string {
  return text.replace(/(^|\s)(\w+)(\s*=\s*)('(?:[^'\\]|\\.)*'?|\S*)/g, (whole, space: string, key: string, eq: string) =>
    SECRET_KEYS.has(key.toLowerCase()) ? `${space}${key}${eq}${MASK}` : whole,
  );
}

/** A libpq keyword/value string: `key=value` pairs only, values bare or single-quoted. */
function isKeywordValue(text: string): boolean {
  const pair = String.raw`\w+\s*=\s*(?:'(?:[^'\\]|\\.)*'|[^\s']+)`;
  return new RegExp(String.raw`^\s*${pair}(?:\s+${pair})*\s*$`).test(text);
}

/** The host of a string that is no URL, when one can be told apart; never the user info. */
function findHost(text: string): string | undefined {
  const keyword = /(?:^|\s)host\s*=\s*'?([^\s',]+)/.exec(text)?.[1];
  const at = text.lastIndexOf('@');
  const authority = at >= 0 ? text.slice(at + 1) : /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(.*)$/s.exec(text)?.[1];
  const fromUrl = authority === undefined ? undefined : /^(\[[0-9A-Fa-f:.]+\]|[^:/?#\s]+)/.exec(authority)?.[1];
  const host = keyword ?? fromUrl;
  return host && /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]|\/[A-Za-z0-9._/-]*)$/.test(host) ? host : undefined;
}

/**
 * A user-supplied connection string made safe to print. The one function for every echo of
 * one: errors, hints, events, results and CLI output. Masks, whether or not the string
 * parses: whatever follows `:` in the user info, `password` / `sslpassword` query
 * parameters, and keyword/value `password=…`. A PostgreSQL URL comes back masked (and
 * normalised by the URL parser, so no control character survives); a well-formed
 * keyword/value string comes back masked; anything else as `<unparseable URL>`, with its
 * host when one can be found.
 */
export function redactUrl(url: string): string {
  const text = url.trim();
  const masked = maskKeywordValues(maskQuery(maskUserInfo(text)));
  const parsed = parsePostgresUrl(masked);
  if (parsed) return parsed.href;
  if (isKeywordValue(masked)) return masked;
  const host = findHost(masked);
  return host ? `<unparseable URL> (host ${host})` : '<unparseable URL>';
}
