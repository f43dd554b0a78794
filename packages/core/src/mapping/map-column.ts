import type { ColumnProfile } from '../sqlite/column-profile.js';
import type { SqliteColumn, SqliteTable } from '../sqlite/sqlite-schema.js';
import { AFFINITY_FALLBACK, findCastRule, type CastRule } from './cast-rules.js';
import { parseDeclaredType } from './parse-declared-type.js';
import { kindForPgType, type ValueKind } from './value-kind.js';

export interface ColumnMapping {
  /** The PostgreSQL type as rendered in DDL: `bigint`, `varchar(40)`, `numeric(10,2)`, `serial`. */
  pgType: string;
  kind: ValueKind;
  /** Which rule decided, for the reviewable plan. */
  rule: string;
  /** Decisions worth telling the user (dropped modifiers, widened integers). */
  notes: string[];
  /** Values the type cannot carry: the planner stops with this unless rows may be rejected. */
  problem?: { message: string; fix: string };
  /** Serial column: a sequence is created and set after the load. */
  serial: boolean;
}

const INT2 = [-32768n, 32767n] as const;
const INT4 = [-2147483648n, 2147483647n] as const;
const MAX_SAFE = 2 ** 53;

const fits = (p: ColumnProfile | undefined, [lo, hi]: readonly [bigint, bigint]): boolean =>
  !p || ((p.minInteger === null || p.minInteger >= lo) && (p.maxInteger === null || p.maxInteger <= hi));

/**
 * Chooses the PostgreSQL type and value kind of one column: user rules, then the
 * default cast table, then SQLite's affinity; modifiers and integer widths are then
 * checked against the column's data profile. Pure.
 */
export function mapColumn(table: SqliteTable, column: SqliteColumn, profile: ColumnProfile | undefined, rules: readonly CastRule[]): ColumnMapping {
  const declared = parseDeclaredType(column.declaredType);
  const notes: string[] = [];
  const rule = findCastRule(rules, table.name, column.name, declared.base);
  const isRowid = table.rowidAlias === column.name;

  if (isRowid && (!rule || rule.origin === 'default')) {
    const biggest = [profile?.maxInteger ?? 0n, table.sequenceValue ?? 0n].reduce((a, b) => (a > b ? a : b));
    const small = fits(profile, INT4) && biggest <= INT4[1];
    if (!small) notes.push('ids need 64 bits: bigserial');
    return { pgType: small ? 'serial' : 'bigserial', kind: 'integer', rule: 'INTEGER PRIMARY KEY (rowid) → serial', notes, serial: true };
  }

  let target: string;
  let ruleText: string;
  let keepTypmod = false;
  if (rule) {
    target = rule.to;
    keepTypmod = rule.keepTypmod ?? false;
    ruleText = rule.match.kind === 'column' ? `column ${rule.match.table}.${rule.match.column} → ${rule.to} (--cast)` : `type ${rule.match.type} → ${rule.to}${rule.origin === 'user' ? ' (--cast)' : ''}`;
  } else if (declared.affinity === 'BLOB') {
    return { ...fromData(profile, declared.raw), serial: false };
  } else {
    target = AFFINITY_FALLBACK[declared.affinity]!;
    ruleText = `affinity ${declared.affinity} of "${declared.raw}" → ${target}`;
  }
  const kind = kindForPgType(target)!;
  let pgType = target;

  if (keepTypmod && declared.typmod.length > 0 && !/\(/.test(target)) {
    pgType = applyTypmod(target, declared.typmod, profile, notes);
  }
  if (kind === 'integer' && !/serial/.test(pgType)) pgType = widenInteger(pgType, profile, notes);

  const mapping: ColumnMapping = { pgType, kind, rule: ruleText, notes, serial: false };
  const problem = incompatibility(kind, profile, table.name, column.name);
  if (problem) mapping.problem = problem;
  return mapping;
}

function applyTypmod(target: string, typmod: number[], profile: ColumnProfile | undefined, notes: string[]): string {
  const [a, b] = typmod as [number, number | undefined];
  if (target === 'varchar') {
    if (!(Number.isInteger(a) && a >= 1 && a <= 10485760)) return 'text';
    const longest = profile?.maxTextLength ?? 0;
    if (longest <= a) return `varchar(${a})`;
    notes.push(`values up to ${longest} characters exceed varchar(${a}): text`);
    return 'text';
  }
  if (target === 'numeric') {
    const scale = b ?? 0;
    if (!(Number.isInteger(a) && Number.isInteger(scale) && a >= 1 && a <= 1000 && scale >= 0 && scale <= a)) return 'numeric';
    const limit = 10 ** (a - scale);
    const offScale = profile?.offScale ?? 0;
    const tooBig = (profile?.maxAbsNumber ?? 0) >= limit;
    if (offScale === 0 && !tooBig && (profile?.texts ?? 0) === 0) return `numeric(${a},${scale})`;
    notes.push(offScale > 0 ? `${offScale} values have more than ${scale} decimals: numeric without (p,s)` : `values do not fit numeric(${a},${scale}): numeric without (p,s)`);
    return 'numeric';
  }
  return target;
}

function widenInteger(pgType: string, profile: ColumnProfile | undefined, notes: string[]): string {
  if ((pgType === 'smallint' || pgType === 'int2') && !fits(profile, INT2)) {
    const wider = fits(profile, INT4) ? 'integer' : 'bigint';
    notes.push(`values from ${profile?.minInteger} to ${profile?.maxInteger} do not fit smallint: ${wider}`);
    return wider;
  }
  if ((pgType === 'integer' || pgType === 'int' || pgType === 'int4') && !fits(profile, INT4)) {
    notes.push(`values from ${profile?.minInteger} to ${profile?.maxInteger} do not fit integer: bigint`);
    return 'bigint';
  }
  return pgType;
}

/** A column with no declared type: the data decides. */
function fromData(p: ColumnProfile | undefined, raw: string): Omit<ColumnMapping, 'serial'> {
  const rule = raw.trim() === '' ? 'no declared type → from the data' : `"${raw}" (BLOB affinity) → from the data`;
  if (!p) return { pgType: 'text', kind: 'text', rule, notes: [] };
  const numbers = p.integers + p.reals;
  if (p.blobs > 0) {
    return { pgType: 'bytea', kind: 'bytea', rule, notes: p.blobs === p.blobs + numbers + p.texts ? [] : ['mixes BLOBs with other values: bytea (text as its UTF-8 bytes)'] };
  }
  if (p.texts > 0) return { pgType: 'text', kind: 'text', rule, notes: numbers > 0 ? ['mixes text and numbers: text'] : [] };
  if (p.reals > 0) {
    if ((p.maxAbsNumber ?? 0) > MAX_SAFE) return { pgType: 'numeric', kind: 'numeric', rule, notes: ['integers beyond 2^53 next to reals: numeric'] };
    return { pgType: 'double precision', kind: 'float', rule, notes: [] };
  }
  if (p.integers > 0) return { pgType: 'bigint', kind: 'integer', rule, notes: [] };
  return { pgType: 'text', kind: 'text', rule, notes: ['no values to decide from: text'] };
}

/** Storage classes that the chosen kind cannot carry without changing them. */
function incompatibility(kind: ValueKind, p: ColumnProfile | undefined, table: string, column: string): ColumnMapping['problem'] {
  if (!p) return undefined;
  const cast = (to: string): string => `--cast "column ${qualify(table)}.${qualify(column)} to ${to}"`;
  const count = (n: number, what: string): string => `${n} ${what} value${n === 1 ? '' : 's'}`;
  switch (kind) {
    case 'integer':
      {
        // Name every foreign storage class, so the count matches the rows that would be rejected.
        const parts = [[p.texts, 'text'], [p.reals, 'fractional'], [p.blobs, 'BLOB']].filter(([n]) => (n as number) > 0).map(([n, what]) => count(n as number, what as string));
        if (parts.length === 0) return undefined;
        const fix = p.texts > 0 || (p.reals > 0 && p.blobs > 0) ? cast('text') : p.reals > 0 ? cast('numeric') : cast('bytea');
        return { message: `${parts.join(' and ')} in an integer column`, fix };
      }
    case 'float':
      if (p.texts > 0) return { message: `${count(p.texts, 'text')} in a floating-point column`, fix: cast('text') };
      if (p.blobs > 0) return { message: `${count(p.blobs, 'BLOB')} in a floating-point column`, fix: cast('bytea') };
      if ((p.minInteger !== null && (p.minInteger < -(2n ** 53n))) || (p.maxInteger !== null && p.maxInteger > 2n ** 53n)) {
        return { message: 'integers beyond 2^53 that a double cannot hold exactly', fix: cast('numeric') };
      }
      return undefined;
    case 'numeric':
      if (p.texts > 0) return { message: `${count(p.texts, 'non-numeric text')} in a numeric column`, fix: cast('text') };
      if (p.blobs > 0) return { message: `${count(p.blobs, 'BLOB')} in a numeric column`, fix: cast('bytea') };
      return undefined;
    case 'boolean':
      if (p.reals > 0 || p.blobs > 0) return { message: `${count(p.reals + p.blobs, 'non-boolean')} in a boolean column`, fix: cast('smallint') };
      if ((p.minInteger ?? 0n) < 0n || (p.maxInteger ?? 0n) > 1n) {
        return { message: `integers other than 0/1 (${p.minInteger}..${p.maxInteger}) in a boolean column`, fix: cast('smallint') };
      }
      return undefined;
    case 'timestamptz': case 'timestamp': case 'date': case 'time':
      if (p.blobs > 0) return { message: `${count(p.blobs, 'BLOB')} in a date/time column`, fix: cast('bytea') };
      return undefined;
    case 'uuid':
      if (p.integers + p.reals > 0) return { message: `${count(p.integers + p.reals, 'numeric')} in a uuid column`, fix: cast('text') };
      return undefined;
    case 'jsonb': case 'json':
      if (p.blobs > 0) return { message: `${count(p.blobs, 'BLOB')} in a JSON column`, fix: cast('bytea') };
      return undefined;
    default:
      return undefined;
  }
}

function qualify(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
