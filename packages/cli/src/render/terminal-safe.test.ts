import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminal-safe.js';

describe('terminalSafe', () => {
  it.each([
    ['plain', 'Order Details', 'Order Details'],
    ['newline and tab kept', 'a\n\tb', 'a\n\tb'],
    ['escape sequence', 'x\u001b[2J\u001b[31mred', 'x\\x1b[2J\\x1b[31mred'],
    ['carriage return', 'ok\rFAKE', 'ok\\x0dFAKE'],
    ['bell and NUL', '\u0007\u0000', '\\x07\\x00'],
    ['C1 CSI', 'a\u009bb', 'a\\x9bb'],
    ['bidi override', 'abc\u202Egpj.exe', 'abc\\u{202e}gpj.exe'],
    ['multibyte kept', 'été 日本 🎉', 'été 日本 🎉'],
  ])('%s', (_what, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  it('leaves no control character but newline and tab in any string', () => {
    let all = '';
    for (let c = 0; c < 0x300; c++) all += String.fromCodePoint(c);
    const out = terminalSafe(all + '\u202a\u2066\u200f');
    expect(out.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u)).toBeNull();
  });
});
