/**
 * Walks a printf- or strftime-style format, the one scan both translations share: `text` gets
 * each literal character (`%%` as one `%`), `code` the character after each other `%`
 * (undefined for a trailing `%`) and returns false to reject the format. False when rejected.
 */
export function walkPercentFormat(format: string, text: (c: string) => void, code: (c: string | undefined) => boolean): boolean {
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') text(c);
    else {
      const next = format[++i];
      if (next === '%') text('%');
      else if (!code(next)) return false;
    }
  }
  return true;
}
