import { describe, expect, it } from 'vitest';
import { canonicalJsonb } from './canonical-jsonb.js';

describe('canonicalJsonb (what jsonb::text prints)', () => {
  it.each([
    ['{"b":1,"a":2}', '{"a": 2, "b": 1}'],
    ['{"bb":1,"a":2,"c":3}', '{"a": 2, "c": 3, "bb": 1}'],
    ['{"a":1,"a":2}', '{"a": 2}'],
    ['[1,2,[3]]', '[1, 2, [3]]'],
    [' { } ', '{}'],
    ['[]', '[]'],
    ['1.50', '1.50'],
    ['1e2', '100'],
    ['-0', '0'],
    ['"tab\\there"', '"tab\\there"'],
    ['"\\u0041\\/"', '"A/"'],
    ['"\\u0001"', '"\\u0001"'],
    ['"é"', '"é"'],
    ['{"é":1,"z":2}', '{"z": 2, "é": 1}'],
    ['true', 'true'],
    ['null', 'null'],
    ['18446744073709551616', '18446744073709551616'],
  ])('%s → %s', (input, out) => expect(canonicalJsonb(input)).toBe(out));

  it.each(['{broken', '[1,]', '{"a" 1}', '1 2'])('rejects %j', (input) => {
    expect(() => canonicalJsonb(input)).toThrow(SyntaxError);
  });
});
