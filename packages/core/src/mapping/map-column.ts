import type { ColumnProfile } from '../sqlite/column-profile.js';
import type { SqliteColumn, SqliteTable } from '../sqlite/sqlite-schema.js';
import { AFFINITY_FALLBACK, findCastRule, renderCastOption, type CastRule } from './cast-rules.js';
import { decideFromData } from './decide-from-data.js';
import { losslessType } from './lossless-type.js';
import { parseDeclaredType } from '../sqlite/parse-declared-type.js';
import { codecFor, kindForPgType } from '../codec/codec-for.js';
import type { ValueKind } from '../codec/value-kind.js';

export interface ColumnMapping {
  /** The PostgreSQL type as rendered in DDL: `bigint`, `varchar(40)`, `numeric(10,2)`, `serial`. */
  pgType: string;
  kind: ValueKind;
  /** Which rule decided, for the reviewable plan. */
  rule: string;
  /** Decisions worth telling the user (dropped modifiers, widened integers). */
  notes: string[];
  /** Values the type cannot carry (a user rule or `strictTypes`): the planner stops with this unless rows may be rejected. */
  problem?: { message: string; fix: string };
  /**
   * The declared type could not carry the values, so the data chose `pgType`: what the
   * declaration gave, why, and the `--cast` option (as valid shell) that pins the choice.
   */
  decision?: { declaredAs: string; reason: string; cast: string };
  /** A user `--cast` rule chose the type: the data never overrules it. */
  userCast?: boolean;
  /** Serial column: a sequence is created and set after the load. */
  serial: boolean;
}

const INT4 = [-2147483648n, 2147483647n] as const;

const fits = (p: ColumnProfile | undefined, [lo, hi]: readonly [bigint, bigint]): boolean =>
  !p || ((p.minInteger === null || p.minInteger >= lo) && (p.maxInteger === null || p.maxInteger <= hi));

export interface MapColumnOptions {
  /**
   * Keep the declared type even where the data holds values it cannot carry, and report
   * them as a `problem` (the migration then stops) instead of choosing a type that carries
   * them. Default false.
   */
  strictTypes?: boolean;
}

/**
 * Chooses the PostgreSQL type and value kind of one column: user rules, then the
 * default cast table, then SQLite's affinity; modifiers and integer widths are then
 * checked against the column's data profile. Where the values do not fit the result, the
 * data decides (see decideFromData), unless a user rule chose the type or `strictTypes`
 * is set. Pure.
 */
export function mapColumn(table: SqliteTable, column: SqliteColumn, profile: ColumnProfile | undefined, rules: readonly CastRule[], options: MapColumnOptions = {}): ColumnMapping {
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
  pgType = codecFor(kind).fitToProfile?.(pgType, profile, notes) ?? pgType;

  const mapping: ColumnMapping = { pgType, kind, rule: ruleText, notes, serial: false, ...(rule?.origin === 'user' ? { userCast: true } : {}) };
  const decided = decideFromData(kind, profile);
  if (!decided) return mapping;
  const cast = renderCastOption(table.name, column.name, decided.pgType);
  if (options.strictTypes || rule?.origin === 'user') return { ...mapping, problem: { message: decided.reason, fix: cast } };
  notes.push(`${decided.reason}: ${decided.pgType}, which carries every value`);
  return {
    ...mapping,
    pgType: decided.pgType,
    kind: decided.kind,
    rule: `${ruleText}; the data decides → ${decided.pgType}`,
    decision: { declaredAs: pgType, reason: decided.reason, cast },
  };
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

/** A column with no declared type: the data decides. */
function fromData(p: ColumnProfile | undefined, raw: string): Omit<ColumnMapping, 'serial'> {
  const rule = raw.trim() === '' ? 'no declared type → from the data' : `"${raw}" (BLOB affinity) → from the data`;
  if (!p) return { pgType: 'text', kind: 'text', rule, notes: [] };
  const numbers = p.integers + p.reals;
  const chosen = losslessType(p);
  const note =
    chosen.kind === 'bytea' ? (numbers + p.texts > 0 ? 'mixes BLOBs with other values: bytea (text as its UTF-8 bytes)' : undefined)
    : chosen.kind === 'text' ? (numbers > 0 ? 'mixes text and numbers: text' : p.texts === 0 ? 'no values to decide from: text' : undefined)
    : chosen.kind === 'numeric' ? 'integers beyond 2^53 next to reals: numeric'
    : undefined;
  return { ...chosen, rule, notes: note ? [note] : [] };
}
