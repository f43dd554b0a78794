import { affinityOf } from '../mapping/parse-declared-type.js';
import { quoteBytea, quoteIdent, quoteLiteral } from '../pg/quote-ident.js';
import { foldIdentifier } from '../plan/fold-identifier.js';
import { joinPgParts, type PgPart, type PgRole } from './join-pg-parts.js';
import type { SqliteToken } from './lex-sqlite.js';
import { normalizeSqliteNumber } from './normalize-sqlite-number.js';
import {
  CAST_TYPES,
  FUNCTION_RENAMES,
  FUNCTIONS,
  JOIN_KEYWORDS,
  OPERATOR_MAP,
  RESERVED_KEYWORDS,
  SCALAR_MIN_MAX,
  SQLITE_ONLY_OPERATORS,
  VALUE_KEYWORDS,
  WINDOW_KEYWORDS,
} from './sql-words.js';
import type { TranslateOptions, Translation } from './translate-sqlite-sql.js';

type Frame = 'plain' | 'cast' | 'window';

const COMPARISONS = new Set(['=', '==', '!=', '<>']);
const ENDS_VALUE_KEYWORDS = new Set(['NULL', 'END', ...VALUE_KEYWORDS]);

/**
 * Renders tokens that passed translateTokens' checks as PostgreSQL text, token by token
 * (see translateSqliteSql for the rules), or says why they cannot be.
 */
export function renderPgTokens(tokens: readonly SqliteToken[], options: TranslateOptions): Translation {
  try {
    return { sql: joinPgParts(new Renderer(tokens, options).render()) };
  } catch (err) {
    if (err instanceof Untranslatable) return { untranslated: err.message };
    throw err;
  }
}

class Untranslatable extends Error {}

class Renderer {
  private readonly parts: PgPart[] = [];
  private readonly frames: Frame[] = [];
  /** The frame the next `(` opens. */
  private nextFrame: Frame = 'plain';
  private caseDepth = 0;
  /** How each token was rendered, by its index; `current` is the token being rendered. */
  private readonly roles = new Map<number, PgRole>();
  private current = 0;

  constructor(
    private readonly tokens: readonly SqliteToken[],
    private readonly options: TranslateOptions,
  ) {}

  render(): PgPart[] {
    for (let i = 0; i < this.tokens.length; i++) {
      this.current = i;
      i = this.token(i);
    }
    return this.parts;
  }

  /** Renders the token at i (and any it consumes); returns the index of the last one consumed. */
  private token(i: number): number {
    const t = this.tokens[i]!;
    switch (t.kind) {
      case 'number':
        this.emit(this.booleanFor(i) ?? number(t.text), 'literal');
        return i;
      case 'string':
        // SQLite takes a string after AS, or straight after a value, as an alias: SELECT x AS 'Total', y 'Y'.
        if (this.isKeyword(i - 1, 'AS') || this.endsValue()) this.emit(this.name(t.value), 'name');
        else this.emit(literal(t.value), 'literal');
        return i;
      case 'blob':
        this.emit(quoteBytea(t.value), 'literal');
        return i;
      case 'quoted':
        this.emit(this.name(t.value), 'name');
        return i;
      case 'operator':
        return this.operator(i);
      case 'word':
        return this.word(i);
      default:
        throw new Untranslatable(`it holds ${JSON.stringify(t.text)}`);
    }
  }

  private operator(i: number): number {
    const t = this.tokens[i]!;
    if (t.text === '(') {
      this.frames.push(this.nextFrame);
      this.nextFrame = 'plain';
      this.emit('(', 'open');
    } else if (t.text === ')') {
      this.frames.pop();
      this.emit(')', 'close');
    } else if (t.text === ',') this.emit(',', 'comma');
    else if (t.text === '.') this.emit('.', 'dot');
    else this.emit(OPERATOR_MAP[t.text]!, 'operator');
    return i;
  }

  private word(i: number): number {
    const t = this.tokens[i]!;
    const upper = t.text.toUpperCase();
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    if (isOperator(prev, '.') || isOperator(next, '.')) {
      this.emit(this.name(t.text), 'name');
      return i;
    }
    if (this.keyword(i, upper)) {
      if (upper === 'CASE') this.caseDepth++;
      if (upper === 'END') this.caseDepth--;
      if (upper === 'CAST') this.nextFrame = 'cast';
      if (upper === 'OVER') this.nextFrame = 'window';
      this.emit(upper, 'keyword');
      if (upper === 'AS' && this.frames.at(-1) === 'cast') return this.castType(i + 1);
      if (upper === 'COLLATE') return this.collation(i + 1);
      return i;
    }
    if (SQLITE_ONLY_OPERATORS.has(upper) && (this.endsValue() || this.isKeyword(i - 1, 'NOT'))) {
      throw new Untranslatable(`it uses SQLite's ${upper} operator, which PostgreSQL does not have`);
    }
    if (isOperator(next, '(')) {
      this.emit(this.functionName(t.text, i + 1), 'function');
      return i;
    }
    this.emit(this.name(t.text), 'name');
    return i;
  }

  /** Whether the word at i is a keyword where it stands (SQLite lets most keywords name columns). */
  private keyword(i: number, upper: string): boolean {
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    const nextUpper = next?.kind === 'word' ? next.text.toUpperCase() : undefined;
    if (RESERVED_KEYWORDS.has(upper) || VALUE_KEYWORDS.has(upper)) return true;
    if (JOIN_KEYWORDS.has(upper)) return this.startsJoin(i) && (this.endsValue() || (prev?.kind === 'word' && JOIN_KEYWORDS.has(prev.text.toUpperCase()) && this.roles.get(i - 1) === 'keyword'));
    if (this.frames.at(-1) === 'window' && WINDOW_KEYWORDS.has(upper)) return true;
    switch (upper) {
      case 'BY':
        return this.isKeyword(i - 1, 'GROUP') || this.isKeyword(i - 1, 'ORDER') || this.isKeyword(i - 1, 'PARTITION');
      case 'ASC':
      case 'DESC':
        return this.endsValue() && (next === undefined || isOperator(next, ',') || isOperator(next, ')') || nextUpper === 'NULLS' || nextUpper === 'LIMIT' || nextUpper === 'OFFSET');
      case 'END':
        return this.caseDepth > 0 && this.endsValue();
      case 'CAST':
        return isOperator(next, '(');
      case 'LIKE':
        return this.endsValue() || this.isKeyword(i - 1, 'NOT');
      case 'OFFSET':
        return this.endsValue() && next !== undefined && (next.kind === 'number' || isOperator(next, '(') || isOperator(next, '-') || isOperator(next, '+'));
      case 'WITH':
        return (prev === undefined || isOperator(prev, '(')) && (next?.kind === 'word' || next?.kind === 'quoted');
      case 'RECURSIVE':
        return this.isKeyword(i - 1, 'WITH');
      case 'MATERIALIZED':
        return (this.isKeyword(i - 1, 'AS') || this.isKeyword(i - 1, 'NOT')) && isOperator(next, '(');
      case 'NULLS':
        return nextUpper === 'FIRST' || nextUpper === 'LAST';
      case 'FIRST':
      case 'LAST':
        return this.isKeyword(i - 1, 'NULLS');
      case 'OVER':
        return isOperator(prev, ')') && (isOperator(next, '(') || next?.kind === 'word' || next?.kind === 'quoted');
      case 'FILTER':
        return isOperator(prev, ')') && isOperator(next, '(');
      default:
        return false;
    }
  }

  /** Whether join words from i on lead to JOIN (`LEFT OUTER JOIN`, `NATURAL JOIN`). */
  private startsJoin(i: number): boolean {
    for (let j = i; j < this.tokens.length; j++) {
      const t = this.tokens[j]!;
      if (t.kind !== 'word') return false;
      const upper = t.text.toUpperCase();
      if (upper === 'JOIN') return true;
      if (!JOIN_KEYWORDS.has(upper)) return false;
    }
    return false;
  }

  /** The type of CAST(x AS type): SQLite's affinity of whatever the type says, as a PostgreSQL type. */
  private castType(i: number): number {
    let depth = 0;
    let j = i;
    const words: string[] = [];
    for (; j < this.tokens.length; j++) {
      const t = this.tokens[j]!;
      if (isOperator(t, ')') && depth === 0) break;
      if (isOperator(t, '(')) depth++;
      else if (isOperator(t, ')')) depth--;
      else if (t.kind === 'word' || t.kind === 'quoted' || t.kind === 'string') words.push(t.value);
      else if (!(t.kind === 'number' || isOperator(t, ',') || isOperator(t, '+') || isOperator(t, '-'))) throw new Untranslatable(`it casts to a type written ${JSON.stringify(t.text)}`);
    }
    if (words.length === 0) throw new Untranslatable('it casts to a type it does not name');
    this.emit(CAST_TYPES[affinityOf(words.join(' '))]!, 'type');
    return j - 1;
  }

  /** SQLite's BINARY compares bytes, as PostgreSQL's "C" does; NOCASE and RTRIM have no equivalent. */
  private collation(i: number): number {
    const t = this.tokens[i];
    const name = t?.kind === 'word' || t?.kind === 'quoted' || t?.kind === 'string' ? t.value : undefined;
    if (name?.toUpperCase() !== 'BINARY') throw new Untranslatable(`it uses COLLATE ${JSON.stringify(name ?? t?.text ?? '')}, which PostgreSQL does not have`);
    this.emit(quoteIdent('C'), 'name');
    return i;
  }

  private functionName(word: string, open: number): string {
    const lower = word.toLowerCase();
    if (SCALAR_MIN_MAX[lower] && this.argumentCount(open) > 1) return SCALAR_MIN_MAX[lower];
    if (FUNCTION_RENAMES[lower]) return FUNCTION_RENAMES[lower];
    if (FUNCTIONS.has(lower)) return lower;
    // Unknown to PostgreSQL, or a table-valued function or CTE name: a name, quoted like any other.
    return this.name(word);
  }

  private argumentCount(open: number): number {
    let depth = 0;
    let count = 1;
    for (let j = open; j < this.tokens.length; j++) {
      const t = this.tokens[j]!;
      if (isOperator(t, '(')) depth++;
      else if (isOperator(t, ')') && --depth === 0) return count;
      else if (isOperator(t, ',') && depth === 1) count++;
    }
    return count;
  }

  /** `false`/`true` for a 0/1 compared with a boolean column (`is_favorite = 1`, `1 = t.is_favorite`). */
  private booleanFor(i: number): string | undefined {
    const t = this.tokens[i]!;
    const booleans = this.options.booleans;
    if (!booleans || booleans.size === 0 || (t.text !== '0' && t.text !== '1')) return undefined;
    const isBoolean = (tok: SqliteToken | undefined): boolean =>
      tok !== undefined && (tok.kind === 'quoted' || (tok.kind === 'word' && !RESERVED_KEYWORDS.has(tok.text.toUpperCase()))) && booleans.has(tok.value.toLowerCase());
    const compares = (tok: SqliteToken | undefined): boolean => tok?.kind === 'operator' && COMPARISONS.has(tok.text);
    let after = i + 2;
    while (isOperator(this.tokens[after + 1], '.')) after += 2;
    const found = (compares(this.tokens[i - 1]) && isBoolean(this.tokens[i - 2])) || (compares(this.tokens[i + 1]) && isBoolean(this.tokens[after]));
    return found ? (t.text === '1' ? 'TRUE' : 'FALSE') : undefined;
  }

  private name(value: string): string {
    if (value.length === 0) throw new Untranslatable('it holds an empty name');
    if (value.includes('\u0000')) throw new Untranslatable('a name holds a NUL character');
    return quoteIdent(foldIdentifier(value, this.options.identifiers));
  }

  /** Whether token i is the word `upper` and was rendered as a keyword. */
  private isKeyword(i: number, upper: string): boolean {
    const t = this.tokens[i];
    return t?.kind === 'word' && t.text.toUpperCase() === upper && this.roles.get(i) === 'keyword';
  }

  /** Whether what was rendered last ends a value (so a word after it is an operator or a suffix). */
  private endsValue(): boolean {
    const last = this.parts.at(-1);
    if (!last) return false;
    return last.role === 'name' || last.role === 'literal' || last.role === 'close' || (last.role === 'keyword' && ENDS_VALUE_KEYWORDS.has(last.text));
  }

  private emit(text: string, role: PgRole): void {
    this.parts.push({ text, role });
    if (!this.roles.has(this.current)) this.roles.set(this.current, role);
  }
}

function isOperator(t: SqliteToken | undefined, text: string): boolean {
  return t?.kind === 'operator' && t.text === text;
}

function number(text: string): string {
  const n = normalizeSqliteNumber(text);
  if (n === undefined) throw new Untranslatable(`it holds ${JSON.stringify(text)}, which SQLite does not read as a number`);
  return n.startsWith('-') ? `(${n})` : n;
}

function literal(value: string): string {
  if (value.includes('\u0000')) throw new Untranslatable('a string holds a NUL character');
  return quoteLiteral(value);
}
