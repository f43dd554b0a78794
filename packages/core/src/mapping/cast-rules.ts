import { CatdbError } from '../errors.js';
import { renderShellArg } from '../render-shell-arg.js';
import { pgTypeName } from './pg-type-name.js';
import { kindForPgType } from '../codec/codec-for.js';

/**
 * One line of the cast table. The defaults below and the user's `--cast` rules share
 * this shape; user rules are consulted first, column rules before type rules.
 */
export interface CastRule {
  match: { kind: 'type'; type: string } | { kind: 'column'; table: string; column: string };
  /** Target PostgreSQL type, possibly with its own modifier: `numeric(12,2)`, `varchar(40)`. */
  to: string;
  /** Carry the declared `(n)` / `(p,s)` over when every value fits; otherwise drop it with a note. */
  keepTypmod?: boolean;
  /** Why the default is what it is (shown by --dry-run and in the docs). */
  why?: string;
  origin: 'default' | 'user';
}

const d = (types: string[], to: string, why: string, keepTypmod = false): CastRule[] =>
  types.map((type) => ({ match: { kind: 'type', type }, to, why, keepTypmod, origin: 'default' }));

/** The default cast table, by declared type name (upper-case, modifiers removed). */
export const DEFAULT_CAST_RULES: readonly CastRule[] = [
  ...d(['BOOLEAN', 'BOOL'], 'boolean', 'SQLite stores booleans as 0/1 integers; carried as true/false'),
  ...d(['DATETIME', 'TIMESTAMP', 'TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE'], 'timestamptz',
    "text without an offset is read as UTC (SQLite's CURRENT_TIMESTAMP is UTC); integers as unix seconds, reals as Julian days"),
  ...d(['TIMESTAMP WITHOUT TIME ZONE'], 'timestamp', 'values with an offset are converted to UTC first'),
  ...d(['DATE'], 'date', 'text YYYY-MM-DD; a time of day other than midnight is rejected, not cut'),
  ...d(['TIME'], 'time', 'text HH:MM[:SS[.fff]]'),
  ...d(['TINYINT', 'SMALLINT', 'INT2', 'SMALLINT UNSIGNED', 'TINYINT UNSIGNED', 'SHORT INTEGER'], 'smallint',
    'widened to integer or bigint when the data does not fit'),
  ...d(['MEDIUMINT', 'INT4', 'MEDIUMINT UNSIGNED'], 'integer', 'widened to bigint when the data does not fit'),
  ...d(['REAL', 'FLOAT', 'DOUBLE', 'DOUBLE PRECISION', 'FLOAT4', 'FLOAT8'], 'double precision',
    'SQLite REAL is an 8-byte IEEE float; float4 would change most values'),
  ...d(['NUMERIC', 'DECIMAL'], 'numeric', 'keeps (p,s) only when every value fits it exactly', true),
  ...d(['BLOB', 'BYTEA', 'BINARY', 'VARBINARY', 'IMAGE', 'LONGBLOB', 'MEDIUMBLOB'], 'bytea', 'bytes as stored'),
  ...d(['BLOB SUB_TYPE TEXT', 'BLOB SUB_TYPE 1'], 'text', "Firebird-style text blob"),
  ...d(['JSON', 'JSONB'], 'jsonb', 'validated JSON'),
  ...d(['UUID', 'GUID', 'UNIQUEIDENTIFIER'], 'uuid', 'validated UUID text'),
  ...d(['CHAR', 'CHARACTER', 'NCHAR', 'NATIVE CHARACTER'], 'varchar',
    "PostgreSQL's char(n) pads with blanks; varchar(n) keeps values as SQLite stored them", true),
  ...d(['VARCHAR', 'NVARCHAR', 'VARYING CHARACTER', 'CHARACTER VARYING', 'NVARCHAR2', 'VARCHAR2'], 'varchar',
    'keeps (n) only when every value fits', true),
  ...d(['TEXT', 'CLOB', 'NTEXT', 'LONGTEXT', 'MEDIUMTEXT', 'TINYTEXT', 'STRING'], 'text', 'text'),
];

/** Fallback by affinity when no rule names the declared type (SQLite's own rules). */
export const AFFINITY_FALLBACK: Readonly<Record<string, string>> = {
  INTEGER: 'bigint',
  TEXT: 'text',
  REAL: 'double precision',
  NUMERIC: 'numeric',
};

const HEAD = /^\s*(type|column)\s+/i;
const TAIL = /^(.+?)(?:\s+(keep|drop)\s+typmod)?\s*$/i;
const badRule = (text: string): CatdbError =>
  new CatdbError('MAP_BAD_CAST_RULE', `Cannot read cast rule: ${text}`, {
    hint: `Write \`type <name> to <pg type>\` or \`column <table>.<column> to <pg type>\`, e.g. --cast ${renderShellArg('type datetime to timestamp')}.`,
    details: { rule: text },
  });

/**
 * Parses a `--cast` rule:
 *   `type <declared type> to <pg type> [keep typmod|drop typmod]`
 *   `column <table>.<column> to <pg type>`
 * Table and column names may be double-quoted ("Order Details"."Unit Price"); inside the
 * quotes any character stands for itself (a `""` for one `"`), the word `to` included.
 */
export function parseCastRule(text: string): CastRule {
  const head = HEAD.exec(text);
  const split = head ? splitAtTo(text.slice(head[0].length)) : undefined;
  const tail = split ? TAIL.exec(split.target) : null;
  if (!head || !split || !tail) throw badRule(text);
  const what = head[1]!;
  const subject = split.subject;
  const [, written, typmod] = tail as unknown as [string, string, string | undefined];
  const to = pgTypeName(written);
  if (to === undefined || !kindForPgType(to)) {
    throw new CatdbError('MAP_BAD_CAST_RULE', `Unsupported target type "${written}" in cast rule: ${text}`, {
      hint: 'Use one of: smallint, integer, bigint, double precision, real, numeric[(p,s)], boolean, text, varchar(n), bytea, timestamptz, timestamp, date, time, jsonb, json, uuid.',
      details: { rule: text },
    });
  }
  const keep = typmod === undefined ? undefined : typmod.toLowerCase() === 'keep';
  if (what.toLowerCase() === 'type') {
    return { match: { kind: 'type', type: subject.replace(/["`[\]]/g, '').trim().replace(/\s+/g, ' ').toUpperCase() }, to: to.toLowerCase(), origin: 'user', ...(keep === undefined ? {} : { keepTypmod: keep }) };
  }
  const parts = splitQualified(subject);
  if (parts.length !== 2) {
    throw new CatdbError('MAP_BAD_CAST_RULE', `Column rule needs <table>.<column>: ${text}`, {
      hint: 'Quote names that contain dots or spaces: column "Order Details"."UnitPrice" to numeric',
      details: { rule: text },
    });
  }
  return { match: { kind: 'column', table: parts[0]!, column: parts[1]! }, to: to.toLowerCase(), origin: 'user' };
}

/** The subject and the target type around the first ` to ` outside double quotes. */
function splitAtTo(rest: string): { subject: string; target: string } | undefined {
  let quoted = false;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && i > 0 && /\s/.test(ch)) {
      const m = /^\s+to\s+/i.exec(rest.slice(i));
      if (m) return { subject: rest.slice(0, i), target: rest.slice(i + m[0].length) };
    }
  }
  return undefined;
}

/**
 * `a.b`, `"a.b".c`, `"Order Details"."x"` → parts with quotes removed. Blanks around an
 * unquoted part go; a quoted part keeps every character.
 */
export function splitQualified(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let blanks = '';
  let started = false;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '.') {
      parts.push(current);
      current = blanks = '';
      started = false;
    } else if (/\s/.test(ch)) {
      if (started) blanks += ch;
    } else {
      current += blanks;
      blanks = '';
      started = true;
      if (ch === '"') quoted = true;
      else current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** A column rule as parseCastRule reads it back: names that are not plain identifiers double-quoted. */
export function renderColumnCastRule(table: string, column: string, to: string): string {
  const name = (n: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? n : `"${n.replaceAll('"', '""')}"`);
  return `column ${name(table)}.${name(column)} to ${to}`;
}

/** The `--cast` option that gives one column a type, as a shell reads it (see renderShellArg). */
export function renderCastOption(table: string, column: string, to: string): string {
  return `--cast ${renderShellArg(renderColumnCastRule(table, column, to))}`;
}

/** The first rule that applies: user column, user type, default type. Names compare case-insensitively. */
export function findCastRule(rules: readonly CastRule[], table: string, column: string, declaredBase: string): CastRule | undefined {
  const lt = table.toLowerCase();
  const lc = column.toLowerCase();
  const byColumn = rules.find((r) => r.match.kind === 'column' && r.match.table.toLowerCase() === lt && r.match.column.toLowerCase() === lc);
  if (byColumn) return byColumn;
  const byType = (origin: CastRule['origin']) => rules.find((r) => r.origin === origin && r.match.kind === 'type' && r.match.type === declaredBase);
  return byType('user') ?? byType('default') ?? DEFAULT_CAST_RULES.find((r) => r.match.kind === 'type' && r.match.type === declaredBase);
}
