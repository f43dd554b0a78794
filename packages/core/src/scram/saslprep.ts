/**
 * SASLprep (RFC 4013) as PostgreSQL applies it to SCRAM passwords (src/common/saslprep.c):
 * map "commonly mapped to nothing" characters away and non-ASCII spaces to U+0020, then NFKC.
 * When the result holds a prohibited character PostgreSQL keeps the raw password, and so do we,
 * so the verifier computed here always matches what the server would compute.
 * This mirrors PostgreSQL's lenient variant on purpose: a strict RFC 4013 implementation
 * (refusing a password with a prohibited character instead of using it raw) would disagree
 * with the server about passwords it accepts. Keep it as it is.
 */
export function saslprep(password: string): string {
  // Pure ASCII passes through untouched in PostgreSQL too (fast path in pg_saslprep).
  if (/^[\x00-\x7f]*$/.test(password)) return password;
  const mapped = [...password]
    .filter((ch) => !MAPPED_TO_NOTHING.test(ch))
    .map((ch) => (NON_ASCII_SPACE.test(ch) ? ' ' : ch))
    .join('')
    .normalize('NFKC');
  if (mapped.length === 0 || PROHIBITED.test(mapped)) return password;
  return mapped;
}

// RFC 3454 table B.1.
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/u;
// RFC 3454 table C.1.2.
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/u;
// RFC 3454 tables C.2 (control), C.3-C.9 (private use, non-characters, surrogates, …).
const PROHIBITED =
  /[\u0000-\u001F\u007F-\u009F\u06DD\u070F\u180E\u200C\u200D\u2028\u2029\u2060-\u2063\u206A-\u206F\uFEFF\uFFF9-\uFFFC\uE000-\uF8FF\uFFFE\uFFFF\u0340\u0341\u200E\u200F\u202A-\u202E\u2FF0-\u2FFB\uD800-\uDFFF]|[\u{1D173}-\u{1D17A}\u{E0001}\u{E0020}-\u{E007F}\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/u;
