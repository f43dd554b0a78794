import { isUtf8 } from 'node:buffer';
import type { CellSource } from './cell-source.js';
import { firstInvalidUtf8 } from './first-invalid-utf8.js';
import type { EncodeOptions } from './value-codec.js';
import { ValueRejected } from './value-rejected.js';

function checked(value: string, cell: CellSource, opts: EncodeOptions): string {
  let text = value;
  // better-sqlite3 turns invalid UTF-8 into U+FFFD; only the stored bytes can tell.
  if (text.includes('\uFFFD') && cell.storageClass() === 'text') {
    const raw = cell.rawBytes();
    if (!isUtf8(raw)) {
      const at = firstInvalidUtf8(raw);
      throw new ValueRejected(`text is not valid UTF-8 (byte 0x${raw[at]?.toString(16).padStart(2, '0')} at offset ${at})`, 'bytea');
    }
  }
  if (text.includes('\u0000')) {
    if (opts.nul === 'strip') text = text.replaceAll('\u0000', '');
    else throw new ValueRejected('text contains NUL (U+0000), which PostgreSQL text cannot store', 'bytea');
  }
  if (opts.maxLength !== undefined && text.length > opts.maxLength) {
    // varchar(n) counts characters, not UTF-16 units.
    const chars = [...text].length;
    if (chars > opts.maxLength) throw new ValueRejected(`${chars} characters do not fit varchar(${opts.maxLength})`, 'text');
  }
  return text;
}

/**
 * A non-NULL SQLite value as text PostgreSQL can store (text and JSON kinds): numbers as
 * SQLite prints them, BLOBs only when they are valid UTF-8, NUL and lengths checked.
 */
export function checkedText(v: unknown, cell: CellSource, opts: EncodeOptions): string {
  if (typeof v === 'string') return checked(v, cell, opts);
  if (typeof v === 'number' || typeof v === 'bigint') return cell.exactText();
  const buf = v as Buffer;
  if (!isUtf8(buf)) {
    const at = firstInvalidUtf8(buf);
    throw new ValueRejected(`BLOB that is not valid UTF-8 text (byte 0x${buf[at]?.toString(16).padStart(2, '0')} at offset ${at}) in a text column`, 'bytea');
  }
  return checked(buf.toString('utf8'), cell, opts);
}
