import { describe, expect, it } from 'vitest';
import { CatdbError } from '../errors.js';
import { DEFAULT_CAST_RULES, findCastRule, parseCastRule, renderColumnCastRule, splitQualified } from './cast-rules.js';
import { kindForPgType } from '../codec/codec-for.js';

describe('parseCastRule', () => {
  it.each([
    ['type datetime to timestamptz', { match: { kind: 'type', type: 'DATETIME' }, to: 'timestamptz' }],
    ['type "double precision" to numeric', { match: { kind: 'type', type: 'DOUBLE PRECISION' }, to: 'numeric' }],
    ['TYPE nvarchar to text drop typmod', { match: { kind: 'type', type: 'NVARCHAR' }, to: 'text', keepTypmod: false }],
    ['type decimal to numeric keep typmod', { match: { kind: 'type', type: 'DECIMAL' }, to: 'numeric', keepTypmod: true }],
    ['column media_items.metadata to jsonb', { match: { kind: 'column', table: 'media_items', column: 'metadata' }, to: 'jsonb' }],
    ['column "Order Details".UnitPrice to numeric(10,4)', { match: { kind: 'column', table: 'Order Details', column: 'UnitPrice' }, to: 'numeric(10,4)' }],
    ['column "a.b"."c""d" to text', { match: { kind: 'column', table: 'a.b', column: 'c"d' }, to: 'text' }],
    ['column "x to y".to to bytea', { match: { kind: 'column', table: 'x to y', column: 'to' }, to: 'bytea' }],
    ['column t." padded " to text', { match: { kind: 'column', table: 't', column: ' padded ' }, to: 'text' }],
    ['column "new\nline".c to bytea', { match: { kind: 'column', table: 'new\nline', column: 'c' }, to: 'bytea' }],
    ['column t.c to NUMERIC ( 12 , 2 )', { match: { kind: 'column', table: 't', column: 'c' }, to: 'numeric(12,2)' }],
    ['type x to Double   Precision', { match: { kind: 'type', type: 'X' }, to: 'double precision' }],
  ])('%j', (text, expected) => {
    expect(parseCastRule(text)).toMatchObject({ ...expected, origin: 'user' });
  });

  it.each([
    ['cast datetime to timestamptz', 'Cannot read cast rule'],
    ['type datetime to geometry', 'Unsupported target type'],
    ['column metadata to jsonb', 'Column rule needs <table>.<column>'],
    ['column a.b.c to text', 'Column rule needs <table>.<column>'],
    // The target type is written into DDL unquoted: only a plain type name passes.
    ['column t.c to varchar(1); DROP TABLE t; --)', 'Unsupported target type'],
    ['column t.c to text /* x */', 'Unsupported target type'],
    ['column t.c to numeric(1.5)', 'Unsupported target type'],
  ])('rejects %j with MAP_BAD_CAST_RULE', (text, message) => {
    const err = (() => {
      try {
        parseCastRule(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(CatdbError);
    expect((err as CatdbError).code).toBe('MAP_BAD_CAST_RULE');
    expect((err as CatdbError).message).toContain(message);
    expect((err as CatdbError).hint).toBeTruthy();
  });
});

describe('splitQualified', () => {
  it.each([
    ['a.b', ['a', 'b']],
    ['"Order Details".x', ['Order Details', 'x']],
    ['"a""b".c', ['a"b', 'c']],
    ['single', ['single']],
    [' a . b ', ['a', 'b']],
    ['Order Details.x', ['Order Details', 'x']],
    ['" a ".b', [' a ', 'b']],
  ])('%s', (text, parts) => expect(splitQualified(text)).toEqual(parts));
});

describe('renderColumnCastRule', () => {
  it.each([
    ['media_items', 'metadata', 'column media_items.metadata to jsonb'],
    ['nc.gpkg', 'geom', 'column "nc.gpkg".geom to jsonb'],
    ['Order Details', 'a"b', 'column "Order Details"."a""b" to jsonb'],
  ])('%s.%s', (table, column, text) => {
    expect(renderColumnCastRule(table, column, 'jsonb')).toBe(text);
    expect(parseCastRule(text).match).toEqual({ kind: 'column', table, column });
  });
});

describe('findCastRule precedence', () => {
  const user = [parseCastRule('type datetime to timestamp'), parseCastRule('column events.at to text')];
  it('user column rule beats user type rule beats default', () => {
    expect(findCastRule(user, 'EVENTS', 'AT', 'DATETIME')!.to).toBe('text');
    expect(findCastRule(user, 'events', 'other', 'DATETIME')!.to).toBe('timestamp');
    expect(findCastRule([], 'events', 'other', 'DATETIME')!.to).toBe('timestamptz');
  });
  it('unknown type names have no rule (affinity decides)', () => {
    expect(findCastRule([], 't', 'c', 'INTEGE')).toBeUndefined();
  });
});

describe('DEFAULT_CAST_RULES', () => {
  it('every default targets a type catdb can carry, and every rule says why', () => {
    for (const rule of DEFAULT_CAST_RULES) {
      expect(kindForPgType(rule.to), rule.to).toBeDefined();
      expect(rule.why).toBeTruthy();
    }
  });
  it('has one rule per declared type name', () => {
    const names = DEFAULT_CAST_RULES.map((r) => (r.match.kind === 'type' ? r.match.type : ''));
    expect(new Set(names).size).toBe(names.length);
  });
});
