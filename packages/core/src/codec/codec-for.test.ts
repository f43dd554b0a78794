import { describe, expect, it } from 'vitest';
import { ALL_CODECS, codecFor, kindForPgType } from './codec-for.js';
import { VALUE_KINDS } from './value-kind.js';

describe('the codec registry', () => {
  it('has one codec per value kind, under its own name', () => {
    expect(ALL_CODECS.map((c) => c.kind).sort()).toEqual([...VALUE_KINDS].sort());
    for (const kind of VALUE_KINDS) expect(codecFor(kind).kind).toBe(kind);
  });

  it('gives every PostgreSQL type name to one kind only', () => {
    const names = ALL_CODECS.flatMap((c) => c.pgTypes);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it.each([
    ['bigint', 'integer'],
    ['SMALLSERIAL', 'integer'],
    ['double precision', 'float'],
    ['real', 'float'],
    ['numeric(10,2)', 'numeric'],
    ['  Numeric (10, 2) ', 'numeric'],
    ['bool', 'boolean'],
    ['character varying(40)', 'text'],
    ['VARCHAR(40)', 'text'],
    ['citext', 'text'],
    ['bytea', 'bytea'],
    ['timestamp with time zone', 'timestamptz'],
    ['timestamp   without time zone', 'timestamp'],
    ['timestamp(3)', 'timestamp'],
    ['date', 'date'],
    ['time', 'time'],
    ['jsonb', 'jsonb'],
    ['json', 'json'],
    ['uuid', 'uuid'],
    ['geometry', undefined],
    ['time with time zone', undefined],
    ['interval', undefined],
  ])('carries %j as %s', (pgType, kind) => expect(kindForPgType(pgType)).toBe(kind));

  it('names the kind in the SQL of every kind that has a SQLite form, and only quoted columns', () => {
    for (const codec of ALL_CODECS) {
      const copy = codec.sqlCopyExpression({ c: '"v"', cannot: "'X'", byType: (b) => `CASE typeof("v") ${b} WHEN 'null' THEN '' ELSE 'X' END` });
      const canonical = codec.sqlCanonicalExpression({ c: '"v"', cannot: 'char(28)', nul: 'char(30)', byType: (t, e) => `CASE typeof("v") WHEN '${t}' THEN ${e} END` });
      for (const sql of [copy, canonical]) if (sql !== undefined && sql !== 'char(29)') expect(sql, codec.kind).toContain('"v"');
      expect(codec.pgNormalizer('"t"'), codec.kind).toContain('"t"');
    }
  });

  it('formats in JavaScript exactly the kinds SQL cannot always print (floats where unsure, jsonb always)', () => {
    expect(ALL_CODECS.filter((c) => c.jsCanonical).map((c) => [c.kind, c.jsCanonical!.always])).toEqual([
      ['float', false],
      ['jsonb', true],
    ]);
    expect(codecFor('float').jsCanonical!.format(0.1)).toBe('0.1');
    expect(codecFor('float').jsCanonical!.format('-0')).toBe('-0');
    expect(codecFor('float').jsCanonical!.format('x')).toBeUndefined();
    expect(codecFor('jsonb').jsCanonical!.format('{"b":1,"a":2}')).toBe('{"a": 2, "b": 1}');
    expect(codecFor('jsonb').jsCanonical!.format('{')).toBeUndefined();
  });
});
