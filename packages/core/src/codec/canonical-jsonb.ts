import { normalizeNumericText } from './format-float.js';

/**
 * JSON text as PostgreSQL's jsonb prints it back: object keys de-duplicated (last
 * wins) and ordered by byte length then bytes, `", "` and `": "` separators, numbers
 * as numeric prints them. Used only to compare source and target during verification.
 * Throws SyntaxError on invalid JSON.
 */
export function canonicalJsonb(text: string): string {
  const parser = new Parser(text);
  parser.ws();
  const out = parser.value();
  parser.ws();
  if (parser.i !== text.length) throw new SyntaxError('trailing characters after JSON value');
  return out;
}

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }

  value(): string {
    const ch = this.s[this.i];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return quote(this.string());
    if (this.s.startsWith('true', this.i)) return this.word('true');
    if (this.s.startsWith('false', this.i)) return this.word('false');
    if (this.s.startsWith('null', this.i)) return this.word('null');
    return this.number();
  }

  private word(w: string): string {
    this.i += w.length;
    return w;
  }

  private number(): string {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) throw new SyntaxError(`unexpected character at ${this.i}`);
    this.i += m[0].length;
    return normalizeNumericText(m[0]);
  }

  private string(): string {
    this.i++;
    let out = '';
    for (;;) {
      const ch = this.s[this.i++];
      if (ch === undefined) throw new SyntaxError('unterminated string');
      if (ch === '"') return out;
      if (ch === '\\') {
        const e = this.s[this.i++];
        if (e === 'u') {
          out += String.fromCharCode(parseInt(this.s.slice(this.i, this.i + 4), 16));
          this.i += 4;
        } else out += ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '/': '/', '\\': '\\', '"': '"' } as Record<string, string>)[e!] ?? e;
      } else out += ch;
    }
  }

  /** Reads an object or array, `open member (, member)* close` or an empty pair, calling `member` for each. */
  private members(close: '}' | ']', member: () => void): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      member();
      this.ws();
      const sep = this.s[this.i++];
      if (sep === close) return;
      if (sep !== ',') throw new SyntaxError(`expected , or ${close}`);
    }
  }

  private object(): string {
    const entries = new Map<string, string>();
    this.members('}', () => {
      const key = this.string();
      this.ws();
      if (this.s[this.i++] !== ':') throw new SyntaxError('expected :');
      this.ws();
      // A repeated key keeps its last value, as PostgreSQL's jsonb does.
      entries.delete(key);
      entries.set(key, this.value());
    });
    const keys = [...entries.keys()].sort(compareKeys);
    return `{${keys.map((k) => `${quote(k)}: ${entries.get(k)}`).join(', ')}}`;
  }

  private array(): string {
    const items: string[] = [];
    this.members(']', () => items.push(this.value()));
    return `[${items.join(', ')}]`;
  }
}

function compareKeys(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ba.length - bb.length || Buffer.compare(ba, bb);
}

/** PostgreSQL's escape_json: the short escapes, other control characters as \u00XX. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}
