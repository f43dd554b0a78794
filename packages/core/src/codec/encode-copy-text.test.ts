import { describe, expect, it } from 'vitest';
import { codecFor } from './codec-for.js';
import { escapeCopyText } from './encode-copy-text.js';

describe('COPY text escaping', () => {
  it.each([
    ['plain', 'plain'],
    ['a\tb', 'a\\tb'],
    ['a\nb', 'a\\nb'],
    ['a\rb', 'a\\rb'],
    ['back\\slash', 'back\\\\slash'],
    ['\\N', '\\\\N'],
    ['mixed\t\n\r\\', 'mixed\\t\\n\\r\\\\'],
    ['', ''],
    ['𝄞', '𝄞'],
  ])('%j → %j', (input, out) => expect(escapeCopyText(input)).toBe(out));

  it.each([
    ['text', 'a\tb', 'a\\tb'],
    ['jsonb', '{"a":"\\n"}', '{"a":"\\\\n"}'],
    ['bytea', '00ff', '\\\\x00ff'],
    ['integer', '12', '12'],
    ['timestamptz', '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'],
  ] as const)('%s field %j → %j', (kind, canonical, out) => expect(codecFor(kind).copyField(canonical)).toBe(out));
});
