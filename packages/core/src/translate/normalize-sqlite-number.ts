const DECIMAL = /^(?=\.?\d)(?:\d+(?:_\d+)*)?(?:\.(?:\d+(?:_\d+)*)?)?(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const HEX = /^0[xX]([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)$/;

/**
 * A SQLite numeric literal as plain decimal text that PostgreSQL 15 reads as the same
 * number, or undefined when SQLite itself would refuse it. Digit separators (`1_000`,
 * SQLite 3.46) must stand between two digits and are removed; hex literals (`0xFF`) are
 * 64-bit two's complement in SQLite, so `0xFFFFFFFFFFFFFFFF` is -1, and longer ones are
 * an error there ("hex literal too big").
 */
export function normalizeSqliteNumber(text: string): string | undefined {
  const hex = HEX.exec(text);
  if (hex) {
    const digits = hex[1]!.replaceAll('_', '').replace(/^0+(?=.)/, '');
    if (digits.length > 16) return undefined;
    return BigInt.asIntN(64, BigInt(`0x${digits}`)).toString();
  }
  return DECIMAL.test(text) ? text.replaceAll('_', '') : undefined;
}
