import { isUtf8 } from 'node:buffer';

/** Offset of the first byte that does not start a valid UTF-8 character (only on the error path). */
export function firstInvalidUtf8(buf: Buffer): number {
  let lo = 0;
  const hi = buf.length;
  // isUtf8 is native; bisect on prefixes that end on a character boundary is not exact,
  // so scan linearly (only on the error path).
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > buf.length || !isUtf8(buf.subarray(i, i + len))) return i;
    i += len;
    lo = i;
  }
  return Math.min(lo, hi);
}
