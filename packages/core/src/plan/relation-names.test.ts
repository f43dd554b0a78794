import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatdbError } from '../errors.js';
import { truncateIdentifier } from '../pg/fold-identifier.js';
import { RelationNames } from './relation-names.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const EMOJI = '\u{1F600}'; // 4 bytes of UTF-8, two UTF-16 code units
const CYR = 'я'; // 2 bytes
const names = (): RelationNames => new RelationNames(() => 'rename one');

describe('truncateIdentifier', () => {
  it.each<[string, string, number, string]>([
    ['short ASCII is kept', 'orders', 63, 'orders'],
    ['ASCII is cut at 63 bytes', 'a'.repeat(70), 63, 'a'.repeat(63)],
    ['2-byte letters are cut to 62 bytes, not through a letter', CYR.repeat(40), 63, CYR.repeat(31)],
    ['an emoji ending exactly at byte 63 stays', 'a'.repeat(59) + EMOJI, 63, 'a'.repeat(59) + EMOJI],
    ['an emoji crossing byte 63 goes whole', 'a'.repeat(61) + EMOJI + 'b', 63, 'a'.repeat(61)],
    ['an emoji one byte over goes whole', 'a'.repeat(60) + EMOJI, 63, 'a'.repeat(60)],
    ['a smaller budget is honoured the same way', 'ab' + EMOJI + 'c', 5, 'ab'],
    ['3-byte characters at the boundary', '€'.repeat(22), 63, '€'.repeat(21)],
  ])('%s', (_what, name, max, expected) => {
    const cut = truncateIdentifier(name, max);
    expect(cut).toBe(expected);
    expect(bytes(cut)).toBeLessThanOrEqual(max);
  });
});

describe('RelationNames.generate', () => {
  it.each<[string, string, string[], string, string]>([
    ['a short primary key', 'orders', [], 'pkey', 'orders_pkey'],
    ['a unique key over two columns', 'orders', ['customer_id', 'day'], 'key', 'orders_customer_id_day_key'],
    // makeObjectName: 63 - len('_pkey') = 58 bytes for the table; 29 letters of 2 bytes.
    ['a long multibyte table keeps its label', CYR.repeat(40), [], 'pkey', CYR.repeat(29) + '_pkey'],
    // 63 - 1 - 4 = 58 bytes for both names: the longer (the table) gives bytes first, 56 to 2.
    ['the longer name is cut first', 'a'.repeat(63), ['id'], 'seq', 'a'.repeat(56) + '_id_seq'],
    ['both long names share the room', 'a'.repeat(63), ['b'.repeat(63)], 'fkey', 'a'.repeat(29) + '_' + 'b'.repeat(28) + '_fkey'],
    // 58 bytes for the table: the emoji at bytes 56..59 would cross the line, so it goes whole.
    ['an emoji at the cut goes whole', 'a'.repeat(55) + EMOJI + 'tail', [], 'pkey', 'a'.repeat(55) + '_pkey'],
  ])('%s', (_what, table, columns, label, expected) => {
    const got = names().generate(table, columns, label, 'x');
    expect(got).toBe(expected);
    expect(bytes(got)).toBeLessThanOrEqual(63);
  });

  it('numbers the label when two cut names collide, and stays within 63 bytes', () => {
    const n = names();
    const a = CYR.repeat(35) + 'a';
    const b = CYR.repeat(35) + 'b';
    n.reserve(a.slice(0, 31), 'table a');
    const first = n.generate(a, [], 'pkey', 'pk of a');
    const second = n.generate(b, [], 'pkey', 'pk of b');
    const third = n.generate(b, [], 'pkey', 'pk of c');
    expect([first, second, third]).toEqual([CYR.repeat(29) + '_pkey', CYR.repeat(28) + '_pkey1', CYR.repeat(28) + '_pkey2']);
    for (const name of [first, second, third]) expect(bytes(name)).toBeLessThanOrEqual(63);
  });

  it('makes room for the number when the name is already 63 bytes', () => {
    const n = names();
    const first = n.generate('a'.repeat(80), [], 'check', 'c1');
    const second = n.generate('a'.repeat(80), [], 'check', 'c2');
    expect(bytes(first)).toBe(63);
    expect(second).toBe('a'.repeat(56) + '_check1');
  });
});

describe('RelationNames.claim', () => {
  it('keeps a free name, cut to 63 bytes', () => {
    expect(names().claim('idx_orders_day', 'index')).toBe('idx_orders_day');
    expect(names().claim(CYR.repeat(40), 'index')).toBe(CYR.repeat(31));
  });

  it('a name equal to a table name after the cut gets _1, then _2, each within 63 bytes', () => {
    const n = names();
    const table = CYR.repeat(40);
    n.reserve(truncateIdentifier(table), 'table t');
    const i1 = n.claim(truncateIdentifier(table + '_idx'), 'index 1');
    const i2 = n.claim(truncateIdentifier(table + '_idx2'), 'index 2');
    expect(i1).toBe(CYR.repeat(30) + '_1');
    expect(i2).toBe(CYR.repeat(30) + '_2');
  });

  it('makes room for the suffix without splitting an emoji', () => {
    const n = names();
    const name = 'a'.repeat(58) + EMOJI + 'b';
    const first = n.claim(name, 'index 1');
    const second = n.claim(name, 'index 2');
    expect(first).toBe('a'.repeat(58) + EMOJI + 'b');
    expect(second).toBe('a'.repeat(58) + '_1');
    expect(Buffer.from(second, 'utf8').toString('utf8')).toBe(second);
  });

  it('a generated name and a claimed one never coincide', () => {
    const n = names();
    const claimed = n.claim('t_pkey', 'index "t_pkey"');
    const generated = n.generate('t', [], 'pkey', 'the primary key of t');
    expect(claimed).toBe('t_pkey');
    expect(generated).toBe('t_pkey1');
  });
});

describe('RelationNames.reserve', () => {
  it('a clash of exact names names both owners', () => {
    const n = names();
    n.reserve('users', 'table "Users"');
    let err: unknown;
    try {
      n.reserve('users', 'table "users"');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CatdbError);
    expect((err as CatdbError).code).toBe('MAP_IDENTIFIER_COLLISION');
    expect((err as CatdbError).message).toBe('Table "Users" and table "users" both become "users" in PostgreSQL');
    expect((err as CatdbError).hint).toBe('rename one');
  });

});

describe('RelationNames.takeImplicit', () => {
  it('takes the name PostgreSQL will give a serial sequence, or says it is taken', () => {
    const n = names();
    const prefix = CYR.repeat(28);
    // 63 - len('_id_seq') = 56 bytes of table: both tables cut to the same 28 letters.
    expect(n.takeImplicit(prefix + 'аа', ['id'], 'seq', 'sequence of a.id')).toBe(true);
    expect(n.ownerOf(prefix + '_id_seq')).toBe('sequence of a.id');
    expect(n.takeImplicit(prefix + 'бб', ['id'], 'seq', 'sequence of b.id')).toBe(false);
    expect(n.generate(prefix + 'бб', ['id'], 'seq', 'sequence of b.id')).toBe(CYR.repeat(27) + '_id_seq1');
  });

  it('a table already named like the sequence leaves the sequence to be named explicitly', () => {
    const n = names();
    n.reserve('t_id_seq', 'table "t_id_seq"');
    expect(n.takeImplicit('t', ['id'], 'seq', 'sequence of t.id')).toBe(false);
    expect(n.generate('t', ['id'], 'seq', 'sequence of t.id')).toBe('t_id_seq1');
  });
});

describe('every name it hands out', () => {
  it('is whole UTF-8, at most 63 bytes, and distinct from every other', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), text, fc.array(text, { maxLength: 3 })), { minLength: 1, maxLength: 30 }), (requests) => {
        const n = names();
        const out = requests.map(([generated, name, columns]) => (generated ? n.generate(name, columns, 'key', 'x') : n.claim(truncateIdentifier(name), 'x')));
        for (const name of out) {
          expect(bytes(name)).toBeLessThanOrEqual(63);
          expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name);
        }
        expect(new Set(out).size).toBe(out.length);
      }),
    );
  });
});
