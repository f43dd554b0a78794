import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCastRule, renderCastOption } from './mapping/cast-rules.js';
import { renderShellArg } from './render-shell-arg.js';

/** What a real shell makes of a printed command line: its words, split by bash itself. */
function shellWords(line: string): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return out.split('\0').slice(0, -1);
}

const HOSTILE = [
  'nc.gpkg', 'geom', "it's", 'a"b', '""', 'x to y', ' to ', 'TO', 'new\nline', 'tab\there', '$HOME', '`id`', '$(id)', 'back\\slash',
  ' leading', 'trailing ', '!bang', '*', '?', '[a]', '~', '#hash', ';', '&&', '|', '>', "'", "''", '\'"\'', 'Größe', '表', '🙂', 'a.b.c', '-n', '--cast', '',
];

describe('renderShellArg', () => {
  it('every value comes back from bash unchanged, as one word', () => {
    expect(shellWords(HOSTILE.map(renderShellArg).join(' '))).toEqual(HOSTILE);
  });
  it('is single quotes outside, each quote inside as \'\\\'\'', () => {
    expect(renderShellArg("it's")).toBe("'it'\\''s'");
  });
});

describe('a --cast hint as printed', () => {
  // One bash run for every pair: render each hint, let bash split the whole line, parse each rule back.
  const roundTrip = (pairs: readonly (readonly [string, string])[]): void => {
    const words = shellWords(pairs.map(([t, c]) => renderCastOption(t, c, 'bytea')).join(' '));
    expect(words).toHaveLength(pairs.length * 2);
    pairs.forEach(([table, column], i) => {
      expect(words[2 * i]).toBe('--cast');
      const rule = parseCastRule(words[2 * i + 1]!);
      expect(rule).toEqual({ match: { kind: 'column', table, column }, to: 'bytea', origin: 'user' });
    });
  };

  it('names the intended column, for hostile names', () => {
    roundTrip(HOSTILE.flatMap((t) => [[t, 'geom'] as const, ['t', t] as const]));
  });

  it('names the intended column, for any names a SQLite file can hold', () => {
    // SQLite names are NUL-free strings (C strings cannot reach bash with a NUL either); the
    // characters of the grammar and of the shell come up often.
    const special = fc.constantFrom('"', "'", ' ', '.', '\n', '\t', '\\', '$', '`', '!', 't', 'o', 'T', 'O', ';');
    const unit = fc.oneof(special, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\0'));
    const name = fc.string({ unit, maxLength: 10 });
    roundTrip(fc.sample(fc.tuple(name, name), { numRuns: 400, seed: 20261127 }));
  });
});
