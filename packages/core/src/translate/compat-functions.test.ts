import { describe, expect, it } from 'vitest';
import { COMPAT_FUNCTION_NAMES, compatStatements } from './compat-functions.js';

describe('compatStatements', () => {
  it('creates nothing when nothing needs it', () => {
    expect(compatStatements([])).toEqual([]);
    expect(compatStatements(['not_a_compat_function'])).toEqual([]);
  });

  it('creates the schema first, then what a function depends on, then the function', () => {
    const s = compatStatements(['strftime']);
    expect(s[0]).toBe('CREATE SCHEMA IF NOT EXISTS catdb_sqlite');
    expect(s[1]).toContain('FUNCTION catdb_sqlite.time_value(');
    expect(s[2]).toContain('FUNCTION catdb_sqlite.strftime(');
    expect(s).toHaveLength(3);
    const g = compatStatements(['group_concat']);
    expect(g.findIndex((x) => x.includes('group_concat_step('))).toBeLessThan(g.findIndex((x) => x.includes('AGGREGATE catdb_sqlite.group_concat(')));
  });

  it('writes only LANGUAGE sql or plpgsql, one statement each, in catdb_sqlite, with the volatility each needs', () => {
    const all = compatStatements([...COMPAT_FUNCTION_NAMES, 'text_arithmetic']);
    for (const s of all.filter((x) => x.startsWith('CREATE OR REPLACE FUNCTION'))) {
      expect(s).toMatch(/^CREATE OR REPLACE FUNCTION catdb_sqlite\./);
      expect(s).toMatch(/LANGUAGE (sql|plpgsql) (IMMUTABLE|STABLE|VOLATILE)/);
      // Reading the clock or the session's time zone is STABLE; random() is VOLATILE; the rest IMMUTABLE.
      const name = /catdb_sqlite\.(\w+)\(/.exec(s)![1]!;
      const expected = name === 'random' ? 'VOLATILE' : ['time_value', 'datetime', 'date', 'time', 'julianday', 'unixepoch', 'strftime'].includes(name) ? 'STABLE' : 'IMMUTABLE';
      expect(s, name).toContain(expected);
    }
    for (const s of all) {
      // A single statement: no semicolon outside the function bodies.
      expect(s.replace(/\$fn\$[\s\S]*?\$fn\$/g, '').replace(/\$do\$[\s\S]*?\$do\$/g, '')).not.toContain(';');
      expect(s).not.toMatch(/SECURITY DEFINER|LANGUAGE c\b/i);
    }
  });
});
