import { describe, expect, it } from 'vitest';
import { translateFunction } from './translate-functions.js';

describe('translateFunction', () => {
  it.each<[string, number, boolean, ReturnType<typeof translateFunction>]>([
    ['ifnull', 2, true, { name: 'coalesce' }],
    ['INSTR', 2, false, { name: 'strpos' }],
    ['max', 1, true, { name: 'max' }],
    ['max', 3, true, { compat: 'max_of' }],
    ['min', 2, false, { name: 'least' }],
    ['printf', 2, true, { name: 'format' }],
    ['format', 2, false, { name: 'format' }],
    ['datetime', 1, true, { compat: 'datetime' }],
    ['STRFTIME', 2, true, { compat: 'strftime' }],
    ['julianday', 1, true, { compat: 'julianday' }],
    ['unixepoch', 1, true, { compat: 'unixepoch' }],
    ['date', 1, true, { compat: 'date' }],
    ['time', 1, true, { compat: 'time' }],
    ['iif', 3, true, { compat: 'iif' }],
    ['typeof', 1, true, { compat: 'typeof' }],
    ['total', 1, true, { compat: 'total' }],
    ['group_concat', 2, true, { compat: 'group_concat' }],
    ['hex', 1, true, { compat: 'hex' }],
    ['length', 1, true, { compat: 'length' }],
    ['length', 1, false, { name: 'length' }],
    ['substr', 3, true, { compat: 'substr' }],
    ['substring', 2, true, { compat: 'substr' }],
    ['substr', 3, false, { name: 'substr' }],
    ['round', 2, true, { compat: 'round' }],
    ['random', 0, true, { compat: 'random' }],
    ['abs', 1, true, { name: 'abs' }],
    ['coalesce', 3, true, { name: 'coalesce' }],
    ['nullif', 2, true, { name: 'nullif' }],
    ['lower', 1, true, { name: 'lower' }],
    ['upper', 1, true, { name: 'upper' }],
    ['trim', 2, true, { name: 'trim' }],
    ['replace', 3, true, { name: 'replace' }],
    ['count', 1, true, { name: 'count' }],
    ['my_function', 1, true, undefined],
  ])('%s with %d argument(s), compat %s', (name, args, compat, expected) => {
    expect(translateFunction(name, args, compat)).toEqual(expected);
  });

  it.each(['changes', 'last_insert_rowid', 'total_changes', 'sqlite_version'])('leaves %s() untranslated: it reads the SQLite connection', (name) => {
    expect(translateFunction(name, 0, true)).toEqual({ untranslated: expect.stringContaining('state of the SQLite connection') });
  });

  it.each(['datetime', 'strftime', 'iif', 'typeof', 'group_concat', 'total', 'hex', 'julianday'])('leaves %s() untranslated without the compat functions', (name) => {
    expect(translateFunction(name, 1, false)).toEqual({ untranslated: expect.stringContaining('compat functions') });
  });
});
