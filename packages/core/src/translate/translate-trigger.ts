import { createHash } from 'node:crypto';
import { mapDefault } from './map-default.js';
import type { ValueKind } from '../codec/value-kind.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../pg/quote-ident.js';
import { foldIdentifier, type IdentifierMode } from '../pg/fold-identifier.js';
import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { isOp, isWord } from '../sqlite/token-predicates.js';
import { parseCreateTrigger, type ParsedTrigger } from './parse-create-trigger.js';
import { prepareTriggerTokens, type TokenScope } from './prepare-trigger-tokens.js';
import { sqliteFiringError } from './sqlite-firing-error.js';
import { translateTokens } from './translate-sqlite-sql.js';
import type { TriggerRelation, TriggerRelations } from './trigger-relations.js';

/** The dollar-quote tag of every function body; a body that contains it is refused. */
export const TRIGGER_BODY_TAG = '$catdb_trigger$';

export interface TriggerTranslateOptions {
  schema: string;
  identifiers: IdentifierMode;
  booleans: ReadonlySet<string>;
  relations: TriggerRelations;
  /** Whether expressions may call catdb's own functions in `catdb_sqlite` (see TranslateOptions). */
  compatFunctions?: boolean;
}

export interface TranslatedTrigger {
  /** Target names of the trigger and of its function (in the target schema). */
  target: string;
  /** `CREATE FUNCTION …` then `CREATE TRIGGER …`: one statement each. */
  statements: [string, string];
  /** Which of the shapes catdb carries it as. */
  shape: 'touch' | 'raise' | 'statements' | 'fails';
  /** Target names of views the body reads: the trigger is created only if they were. */
  reads: string[];
  /** catdb_sqlite functions the body calls (see compatStatements). */
  compat?: string[];
}

/**
 * A SQLite trigger as a PL/pgSQL trigger function and a CREATE TRIGGER, built only from the
 * translator's output, or why it cannot be. Carried shapes: an AFTER INSERT/UPDATE trigger
 * that sets columns of the row it fired for (`UPDATE t SET updated_at = … WHERE id = NEW.id`)
 * becomes a BEFORE trigger assigning NEW; `SELECT RAISE(ABORT|FAIL|ROLLBACK, 'msg') WHERE …`
 * becomes `IF EXISTS (…) THEN RAISE EXCEPTION`; plain INSERT, UPDATE and DELETE statements
 * run as they are; a body naming a column the row does not have fails whenever it fires,
 * as SQLite's does (see sqliteFiringError). A WHEN condition is tested in the function (PostgreSQL's own WHEN takes
 * no subqueries).
 */
export function translateTrigger(name: string, sql: string, options: TriggerTranslateOptions): TranslatedTrigger | { untranslated: string } {
  const parsed = parseCreateTrigger(sql);
  if ('untranslated' in parsed) return parsed;
  const table = options.relations(parsed.table);
  if (!table) return { untranslated: `its table ${parsed.table} is not migrated` };
  if ((table.kind === 'view') !== (parsed.timing === 'INSTEAD OF')) return { untranslated: table.kind === 'view' ? `a ${parsed.timing} trigger on a view does not fire in SQLite` : 'INSTEAD OF applies only to views' };
  if (table.kind === 'view' && table.columns.size === 0) return { untranslated: `SQLite cannot tell the columns of view ${parsed.table}` };
  if (table.kind === 'view' && parsed.ofColumns.length > 0) return { untranslated: 'PostgreSQL has no UPDATE OF for INSTEAD OF triggers' };
  const target = foldIdentifier(name, options.identifiers);
  // A trigger on a view goes with the view: if the view was not created, neither is the trigger.
  const reads = new Set<string>(table.kind === 'view' ? [table.target] : []);
  const compat = new Set<string>();
  const scope: TokenScope = { table, event: parsed.event, relations: options.relations, reads, compat, compatFunctions: Boolean(options.compatFunctions) };
  const expr = (tokens: readonly SqliteToken[], written?: TriggerRelation): { sql: string } | { untranslated: string } => {
    const prepared = prepareTriggerTokens(tokens, { ...scope, ...(written ? { written } : {}) });
    if ('untranslated' in prepared) return prepared;
    const t = translateTokens(prepared, { identifiers: options.identifiers, booleans: options.booleans, compatFunctions: Boolean(options.compatFunctions) });
    if ('untranslated' in t) return t;
    for (const c of t.compat ?? []) compat.add(c);
    // An unknown function is emitted as a quoted name; PL/pgSQL would find it missing only when the trigger fires.
    // Functions catdb installs in its own schema are known; the translator emits them qualified.
    const unknown = /("(?:[^"]|"")*")\s*\(/.exec(t.sql.replaceAll(/"catdb_sqlite"\."(?:[^"]|"")*"\s*\(/g, ''));
    if (unknown) return { untranslated: `it calls ${unknown[1]}(), which PostgreSQL does not have` };
    return t;
  };

  const fails = table.kind === 'table' ? sqliteFiringError(parsed, table) : undefined;
  const touch = fails === undefined ? touchAssignments(parsed, table, expr) : undefined;
  let shape: TranslatedTrigger['shape'];
  let firesItself = false;
  let timing: string = parsed.timing;
  const lines: string[] = [];
  if (fails !== undefined) {
    // SQLite fails every statement that fires it, before WHEN: so does the translation.
    shape = 'fails';
    lines.push(`RAISE EXCEPTION USING MESSAGE = ${quoteLiteral(fails)};`);
  } else if (touch && !('untranslated' in touch)) {
    shape = 'touch';
    timing = 'BEFORE';
    lines.push(...touch.lines);
  } else {
    shape = 'raise';
    for (const statement of parsed.statements) {
      const s = translateStatement(statement, parsed, table, options.relations, expr);
      if ('untranslated' in s) return touch && 'untranslated' in touch ? touch : s;
      if (!s.raise) shape = 'statements';
      firesItself ||= Boolean(s.firesItself);
      lines.push(s.sql);
    }
  }
  // BEFORE and INSTEAD OF return the row to go on with; AFTER's return value is ignored.
  const ret = timing === 'AFTER' ? 'NULL' : parsed.event === 'DELETE' ? 'OLD' : 'NEW';
  const body: string[] = ['BEGIN'];
  if (parsed.when.length > 0 && fails === undefined) {
    const when = expr(parsed.when);
    if ('untranslated' in when) return when;
    // An INSTEAD OF trigger that does not apply still lets the statement count its row, as SQLite does.
    body.push(`  IF (${when.sql}) IS NOT TRUE THEN RETURN ${ret}; END IF;`);
  }
  body.push(...(firesItself ? reentryGuarded(options.schema, target, lines, ret) : lines).map((l) => `  ${l}`), `  RETURN ${ret};`, 'END');
  const text = body.join('\n');
  if (text.includes(TRIGGER_BODY_TAG)) return { untranslated: `its body would contain ${TRIGGER_BODY_TAG}, the quote catdb ends function bodies with` };
  const fn = quoteQualified(options.schema, target);
  const columns = parsed.ofColumns.map((c) => table.columns.get(c.toLowerCase()));
  if (columns.some((c) => c === undefined)) return { untranslated: 'its UPDATE OF names a column the table does not have' };
  const event = parsed.event + (columns.length > 0 ? ` OF ${columns.map((c) => quoteIdent(c!)).join(', ')}` : '');
  return {
    target,
    shape,
    reads: [...reads],
    ...(compat.size > 0 ? { compat: [...compat] } : {}),
    statements: [
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql SET search_path = ${quoteIdent(options.schema)} AS ${TRIGGER_BODY_TAG}\n${text}\n${TRIGGER_BODY_TAG}`,
      `CREATE TRIGGER ${quoteIdent(target)} ${timing} ${event} ON ${quoteQualified(options.schema, table.target)} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    ],
  };
}

type Expr = (tokens: readonly SqliteToken[], written?: TriggerRelation) => { sql: string } | { untranslated: string };

/**
 * `AFTER INSERT|UPDATE … BEGIN UPDATE t SET c = e, … WHERE key = NEW.key; END` on t itself,
 * where each e reads only NEW, OLD, literals and functions: the same row ends up the same
 * when a BEFORE trigger assigns NEW.c := e (and PostgreSQL would fire an AFTER one again).
 */
function touchAssignments(parsed: ParsedTrigger, table: TriggerRelation, expr: Expr): { lines: string[] } | { untranslated: string } | undefined {
  if (parsed.timing !== 'AFTER' || parsed.event === 'DELETE' || parsed.statements.length !== 1) return undefined;
  const s = parsed.statements[0]!;
  if (!isWord(s[0], 'UPDATE') || !s[1] || s[1].kind === 'operator' || !isWord(s[2], 'SET')) return undefined;
  if (s[1].value.toLowerCase() !== parsed.table.toLowerCase()) return undefined;
  const where = topLevelWord(s, 'WHERE', 3);
  if (where < 0) return undefined;
  const cond = s.slice(where + 1);
  // The row is named by its rowid (any rowid table, under a name no column takes) or by a one-column key.
  const rowids = table.withoutRowid ? [] : ['rowid', '_rowid_', 'oid'].filter((n) => !table.columns.has(n));
  const alias = table.rowidAlias?.toLowerCase();
  const pk = table.primaryKey.length === 1 ? table.primaryKey[0]!.toLowerCase() : undefined;
  const keyOf = (name: string): string | undefined => (rowids.includes(name) || name === alias ? 'rowid' : name === pk ? 'key' : undefined);
  const keyIs = (a: SqliteToken[]): string | undefined => (a.length === 1 && (a[0]!.kind === 'word' || a[0]!.kind === 'quoted') ? keyOf(a[0]!.value.toLowerCase()) : undefined);
  // OLD.key names the same row in an UPDATE unless the key itself changes.
  const images = parsed.event === 'UPDATE' ? ['new', 'old'] : ['new'];
  const newKey = (a: SqliteToken[]): string | undefined => (a.length === 3 && a[0]!.kind !== 'operator' && images.includes(a[0]!.value.toLowerCase()) && isOp(a[1], '.') ? keyOf(a[2]!.value.toLowerCase()) : undefined);
  const sameRow = (a: SqliteToken[], b: SqliteToken[]): boolean => keyIs(a) !== undefined && keyIs(a) === newKey(b);
  const eq = cond.findIndex((t) => isOp(t, '=') || isOp(t, '=='));
  if (eq < 0 || !(sameRow(cond.slice(0, eq), cond.slice(eq + 1)) || sameRow(cond.slice(eq + 1), cond.slice(0, eq)))) return undefined;
  const lines: string[] = [];
  for (const a of splitTopLevel(s.slice(3, where), ',')) {
    const col = a[0];
    if (!col || !(col.kind === 'word' || col.kind === 'quoted' || col.kind === 'string') || !(isOp(a[1], '=') || isOp(a[1], '=='))) return undefined;
    const target = table.columns.get(col.value.toLowerCase());
    if (!target) return { untranslated: `it sets ${col.value}, which is not a column of ${table.target}` };
    const value = a.slice(2);
    // Only row images, literals and function calls: a bare column or a subquery reads the table, whose row is not there yet.
    const readsTable = value.some((t, k) => isWord(t, 'SELECT') || ((t.kind === 'word' || t.kind === 'quoted') && !isOp(value[k - 1], '.') && !isOp(value[k + 1], '.') && !isOp(value[k + 1], '(') && table.columns.has(t.value.toLowerCase())));
    if (readsTable) return undefined;
    const v = currentTime(value, table.kinds?.get(target)) ?? expr(value);
    if ('untranslated' in v) return v;
    lines.push(`NEW.${quoteIdent(target)} := ${v.sql};`);
  }
  return { lines };
}

/**
 * SQLite's current-time forms (CURRENT_TIMESTAMP, datetime('now'), …) are UTC text: the same
 * value as a column default of that kind would get (mapDefault, the one home of that rule).
 */
function currentTime(value: readonly SqliteToken[], kind: ValueKind | undefined): { sql: string } | undefined {
  // Only words, strings and parentheses: CURRENT_TIMESTAMP, datetime('now'), strftime('%s', 'now')…
  if (!kind || !value.every((t) => t.kind === 'word' || t.kind === 'string' || (t.kind === 'operator' && '(),'.includes(t.text)))) return undefined;
  const text = value.map((t) => (t.kind === 'string' ? `'${t.value.replaceAll("'", "''")}'` : t.text)).join('');
  if (!/^(CURRENT_(TIMESTAMP|DATE|TIME)|(DATETIME|DATE|TIME|STRFTIME)\(.*'NOW'.*\))$/i.test(text)) return undefined;
  // mapDefault answers with fixed SQL for the current-time forms it knows, and drops the rest.
  const d = mapDefault(text, kind);
  return 'sql' in d ? { sql: d.sql } : undefined;
}

/** One body statement as PL/pgSQL, and whether it is a RAISE check. */
function translateStatement(s: SqliteToken[], parsed: ParsedTrigger, table: TriggerRelation, relations: TriggerRelations, expr: Expr): { sql: string; raise: boolean; firesItself?: boolean } | { untranslated: string } {
  if (isWord(s[0], 'SELECT') && isWord(s[1], 'RAISE') && isOp(s[2], '(')) {
    const kind = s[3]?.kind === 'word' ? s[3].text.toUpperCase() : '';
    if (!['ABORT', 'FAIL', 'ROLLBACK'].includes(kind)) return { untranslated: `it uses RAISE(${s[3]?.text ?? ''}), which has no PostgreSQL equivalent here` };
    const message = s[5];
    if (!isOp(s[4], ',') || message?.kind !== 'string' || !isOp(s[6], ')')) return { untranslated: 'its RAISE does not take a plain message' };
    const rest = s.slice(7);
    if (rest.length > 0 && !isWord(rest[0], 'FROM') && !isWord(rest[0], 'WHERE')) return { untranslated: 'it selects more than RAISE(…)' };
    const one = { ...s[0]!, kind: 'number' as const, text: '1', value: '1' };
    const q = expr([s[0]!, one, ...rest]);
    if ('untranslated' in q) return q;
    if (message.value.includes('\u0000')) return { untranslated: 'its message holds a NUL character' };
    return { sql: `IF EXISTS (${q.sql}) THEN RAISE EXCEPTION USING MESSAGE = ${quoteLiteral(message.value)}; END IF;`, raise: true };
  }
  const verb = s[0]?.kind === 'word' ? s[0].text.toUpperCase() : '';
  if (!['INSERT', 'UPDATE', 'DELETE'].includes(verb)) return { untranslated: `its body runs ${verb || 'a statement'} …, which is not translated` };
  if (isWord(s[1], 'OR')) return { untranslated: `it uses ${verb} OR ${s[2]?.text ?? ''}, which is not translated` };
  const at = verb === 'UPDATE' ? 1 : 2;
  if ((verb === 'INSERT' && !isWord(s[1], 'INTO')) || (verb === 'DELETE' && !isWord(s[1], 'FROM'))) return { untranslated: `its ${verb} is not shaped as translated` };
  const nameToken = s[at];
  if (!nameToken || nameToken.kind === 'operator' || isOp(s[at + 1], '.')) return { untranslated: `its ${verb} names no table catdb can resolve` };
  const written = relations(nameToken.value);
  if (!written || written.kind !== 'table') return { untranslated: `it writes ${nameToken.value}, which is not a migrated table` };
  // SQLite never lets a trigger fire itself (recursive_triggers is off by default); PostgreSQL would: see reentryGuarded.
  const firesItself = written.target === table.target && verb === parsed.event;
  const into = quoteIdent(written.target);
  const rest = s.slice(at + 1);
  if (verb === 'DELETE') {
    if (rest.length === 0) return { sql: `DELETE FROM ${into};`, raise: false, firesItself };
    if (!isWord(rest[0], 'WHERE')) return { untranslated: 'its DELETE is not shaped as translated' };
    const w = expr(rest.slice(1), written);
    return 'untranslated' in w ? w : { sql: `DELETE FROM ${into} WHERE ${w.sql};`, raise: false, firesItself };
  }
  if (verb === 'UPDATE') {
    if (!isWord(rest[0], 'SET')) return { untranslated: 'its UPDATE is not shaped as translated' };
    const where = topLevelWord(rest, 'WHERE', 1);
    if (topLevelWord(rest, 'FROM', 1) >= 0) return { untranslated: 'it uses UPDATE … FROM, which is not translated' };
    const sets: string[] = [];
    for (const a of splitTopLevel(rest.slice(1, where < 0 ? rest.length : where), ',')) {
      const col = a[0];
      const target = col && col.kind !== 'operator' ? written.columns.get(col.value.toLowerCase()) : undefined;
      if (!target || !(isOp(a[1], '=') || isOp(a[1], '=='))) return { untranslated: 'its UPDATE sets something other than a column of the table' };
      const v = expr(a.slice(2), written);
      if ('untranslated' in v) return v;
      sets.push(`${quoteIdent(target)} = ${v.sql}`);
    }
    const w = where < 0 ? undefined : expr(rest.slice(where + 1), written);
    if (w && 'untranslated' in w) return w;
    return { sql: `UPDATE ${into} SET ${sets.join(', ')}${w ? ` WHERE ${w.sql}` : ''};`, raise: false, firesItself };
  }
  let k = 0;
  let columns = '';
  if (isOp(rest[0], '(')) {
    const names: string[] = [];
    for (const c of splitTopLevel(rest.slice(1, closeOf(rest, 0)), ',')) {
      const target = c.length === 1 && c[0]!.kind !== 'operator' ? written.columns.get(c[0]!.value.toLowerCase()) : undefined;
      if (!target) return { untranslated: 'its INSERT names a column the table does not have' };
      names.push(quoteIdent(target));
    }
    columns = ` (${names.join(', ')})`;
    k = closeOf(rest, 0) + 1;
  }
  if (!isWord(rest[k], 'VALUES') && !isWord(rest[k], 'SELECT')) return { untranslated: 'its INSERT takes neither VALUES nor SELECT' };
  const q = expr(rest.slice(k), written);
  return 'untranslated' in q ? q : { sql: `INSERT INTO ${into}${columns} ${q.sql};`, raise: false, firesItself };
}

/**
 * A body that writes its own table with its own event, kept from firing itself as SQLite
 * does (recursive_triggers is off by default: a trigger already running is not fired
 * again, other triggers are). A transaction-local setting named after the function marks
 * it running; an error rolls the mark back with the statement.
 */
function reentryGuarded(schema: string, target: string, lines: readonly string[], ret: string): string[] {
  const flag = quoteLiteral(`catdb.firing_${createHash('sha256').update(`${schema}.${target}`).digest('hex').slice(0, 24)}`);
  return [
    `IF current_setting(${flag}, true) = 'on' THEN RETURN ${ret}; END IF;`,
    `PERFORM set_config(${flag}, 'on', true);`,
    ...lines,
    `PERFORM set_config(${flag}, '', true);`,
  ];
}

function topLevelWord(tokens: readonly SqliteToken[], upper: string, from: number): number {
  for (let k = from, depth = 0; k < tokens.length; k++) {
    if (isOp(tokens[k], '(')) depth++;
    else if (isOp(tokens[k], ')')) depth--;
    else if (depth === 0 && isWord(tokens[k], upper)) return k;
  }
  return -1;
}

function splitTopLevel(tokens: readonly SqliteToken[], sep: string): SqliteToken[][] {
  const parts: SqliteToken[][] = [[]];
  for (let k = 0, depth = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth--;
    if (depth === 0 && isOp(t, sep)) parts.push([]);
    else parts.at(-1)!.push(t);
  }
  return parts;
}

function closeOf(tokens: readonly SqliteToken[], open: number): number {
  for (let k = open, depth = 0; k < tokens.length; k++) {
    if (isOp(tokens[k], '(')) depth++;
    else if (isOp(tokens[k], ')') && --depth === 0) return k;
  }
  return tokens.length;
}
