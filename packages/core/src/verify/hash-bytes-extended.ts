/**
 * Bob Jenkins' lookup3 hash in the 64-bit form PostgreSQL exposes as
 * `hashtextextended(text, 0)` / `hash_bytes_extended` (little-endian servers, seed 0).
 * It lets both sides of a verification hash a row without md5's hex detour: on the
 * server it costs about half of `md5()`, and here it runs straight over the bytes
 * SQLite handed over. Callers check it against the server once (see probeLookup3)
 * before relying on it, so a server that hashes differently falls back to md5.
 */

/** The 64-bit result as two 32-bit halves: `hi` signed (so the pair reads as PostgreSQL's int8), `lo` unsigned. */
export interface Hash64 {
  hi: number;
  lo: number;
}

const rot = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** A view for reading `bytes` a word at a time; callers hashing many rows of one buffer make it once. */
export function wordView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Hashes `bytes[start, end)` into `out`; `view` is wordView(bytes). */
export function hashBytesExtended(bytes: Uint8Array, start: number, end: number, out: Hash64, view: DataView = wordView(bytes)): void {
  let len = end - start;
  let a = (0x9e3779b9 + len + 3923095) | 0;
  let b = a;
  let c = a;
  let k = start;
  while (len >= 12) {
    // One little-endian word load instead of four byte loads: half the time per row.
    a = (a + view.getInt32(k, true)) | 0;
    b = (b + view.getInt32(k + 4, true)) | 0;
    c = (c + view.getInt32(k + 8, true)) | 0;
    // mix(a, b, c)
    a = (a - c) | 0; a ^= rot(c, 4); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 6); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 8); b = (b + a) | 0;
    a = (a - c) | 0; a ^= rot(c, 16); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 19); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 4); b = (b + a) | 0;
    k += 12;
    len -= 12;
  }
  // The last 0–11 bytes; the lowest byte of c stays free (lookup3 reserves it for the length).
  switch (len) {
    case 11: c = (c + (bytes[k + 10]! << 24)) | 0; // falls through
    case 10: c = (c + (bytes[k + 9]! << 16)) | 0; // falls through
    case 9: c = (c + (bytes[k + 8]! << 8)) | 0; // falls through
    case 8: b = (b + (bytes[k + 7]! << 24)) | 0; // falls through
    case 7: b = (b + (bytes[k + 6]! << 16)) | 0; // falls through
    case 6: b = (b + (bytes[k + 5]! << 8)) | 0; // falls through
    case 5: b = (b + bytes[k + 4]!) | 0; // falls through
    case 4: a = (a + (bytes[k + 3]! << 24)) | 0; // falls through
    case 3: a = (a + (bytes[k + 2]! << 16)) | 0; // falls through
    case 2: a = (a + (bytes[k + 1]! << 8)) | 0; // falls through
    case 1: a = (a + bytes[k]!) | 0;
  }
  // final(a, b, c)
  c ^= b; c = (c - rot(b, 14)) | 0;
  a ^= c; a = (a - rot(c, 11)) | 0;
  b ^= a; b = (b - rot(a, 25)) | 0;
  c ^= b; c = (c - rot(b, 16)) | 0;
  a ^= c; a = (a - rot(c, 4)) | 0;
  b ^= a; b = (b - rot(a, 14)) | 0;
  c ^= b; c = (c - rot(b, 24)) | 0;
  out.hi = b | 0;
  out.lo = c >>> 0;
}
