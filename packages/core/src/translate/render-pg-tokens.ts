import { quoteBytea, quoteIdent } from '../pg/quote-ident.js';
import { foldIdentifier } from '../pg/fold-identifier.js';
import { castTypeOf } from './cast-type-of.js';
import { ColumnKinds } from './column-kinds.js';
import { TEXT_ARITHMETIC_NAME } from './compat-functions.js';
import { compoundSelectTypes, type CompoundSelectTypes } from './compound-select-types.js';
import { joinPgParts, type PgPart, type PgRole } from './join-pg-parts.js';
import { keywordAt, startsJoin, type KeywordContext } from './keyword-at.js';
import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { isOp, isWord } from '../sqlite/token-predicates.js';
import { literal, number, Untranslatable } from './pg-token-text.js';
import { translateCall, type Wrap } from './translate-call.js';
import { translateMatch } from './translate-match.js';
import { JOIN_KEYWORDS, OPERATOR_MAP, RESERVED_KEYWORDS, SQLITE_ONLY_OPERATORS, VALUE_KEYWORDS } from './sql-words.js';
import type { TranslateOptions, Translation } from './translate-sqlite-sql.js';

type Frame = 'plain' | 'cast' | 'window' | 'derived';

const ARITHMETIC = new Set(['+', '-', '*', '/']);
const ENDS_VALUE_KEYWORDS = new Set(['NULL', 'END', ...VALUE_KEYWORDS]);
/** Words after which a join's right-hand side has ended. */
const JOIN_ENDS = new Set(['WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'INTERSECT', 'WINDOW']);

/**
 * Renders tokens that passed translateTokens' checks as PostgreSQL text, token by token
 * (see translateSqliteSql for the rules), or says why they cannot be.
 */
export function renderPgTokens(tokens: readonly SqliteToken[], options: TranslateOptions): Translation {
  try {
    const renderer = new Renderer(tokens, options);
    const sql = joinPgParts(renderer.render());
    return renderer.compat.size > 0 ? { sql, compat: [...renderer.compat].sort() } : { sql };
  } catch (err) {
    if (err instanceof Untranslatable) return { untranslated: err.message };
    throw err;
  }
}

class Renderer {
  private readonly parts: PgPart[] = [];
  private readonly frames: Frame[] = [];
  /** The frame the next `(` opens. */
  private nextFrame: Frame = 'plain';
  private caseDepth = 0;
  /** The frame depths of JOINs whose ON or USING has not been seen yet, innermost last. */
  private readonly pendingJoins: number[] = [];
  /** How each token was rendered, by its index; `current` is the token being rendered. */
  private readonly roles = new Map<number, PgRole>();
  private current = 0;
  /** catdb_sqlite functions the text calls. */
  readonly compat = new Set<string>();
  /** String tokens whose value is rewritten (a LIKE, GLOB or printf pattern), by index. */
  private readonly patterns = new Map<number, string>();
  /** What compound SELECTs need to unite their columns (see compoundSelectTypes). */
  private readonly compound: CompoundSelectTypes;
  /** Text around a run of tokens, by the index of its first token (casts, printf's integers). */
  private readonly wraps = new Map<number, Wrap>();
  /** Wraps opened and not yet closed, innermost last. */
  private readonly open: Wrap[] = [];

  private readonly kinds: ColumnKinds;

  constructor(
    private readonly tokens: readonly SqliteToken[],
    private readonly options: TranslateOptions,
  ) {
    this.kinds = new ColumnKinds(options);
    const known = (options.booleans?.size ?? 0) + (options.kinds?.size ?? 0) > 0;
    this.compound = known ? compoundSelectTypes(tokens, (t) => this.kinds.kindOf(t)) : { booleans: new Set(), toText: new Map() };
    for (const [start, end] of this.compound.toText) {
      this.wraps.set(start, { end, before: [{ text: 'CAST', role: 'keyword' }, { text: '(', role: 'open' }], after: [{ text: 'AS', role: 'keyword' }, { text: 'text', role: 'type' }, { text: ')', role: 'close' }] });
    }
  }

  render(): PgPart[] {
    for (let i = 0; i < this.tokens.length; i++) {
      this.closeJoin(i);
      this.current = i;
      const wrap = this.wraps.get(i);
      if (wrap) {
        for (const p of wrap.before) this.emit(p.text, p.role);
        this.open.push(wrap);
      }
      i = this.token(i);
      while (this.open.length > 0 && this.open.at(-1)!.end <= i) for (const p of this.open.pop()!.after) this.emit(p.text, p.role);
    }
    this.closeJoin(this.tokens.length);
    return this.parts;
  }

  /**
   * SQLite reads a JOIN without ON or USING as a cross join; PostgreSQL requires the
   * condition (but for CROSS and NATURAL joins): `ON TRUE` keeps SQLite's meaning, for
   * LEFT joins too. Called before each token, and at the end.
   */
  private closeJoin(i: number): void {
    const depth = this.pendingJoins.at(-1);
    if (depth === undefined || this.frames.length > depth) return;
    const t = this.tokens[i];
    const upper = t?.kind === 'word' ? t.text.toUpperCase() : undefined;
    if (upper === 'ON' || upper === 'USING') {
      this.pendingJoins.pop();
      return;
    }
    const ends = t === undefined || this.frames.length < depth || isOp(t, ',') || isOp(t, ')') || (upper !== undefined && (JOIN_ENDS.has(upper) || ((JOIN_KEYWORDS.has(upper) || upper === 'JOIN') && startsJoin(this.tokens, i))));
    if (!ends) return;
    this.pendingJoins.pop();
    this.emit('ON', 'keyword');
    this.emit('TRUE', 'keyword');
    // A `)` may close more than one pending join (the end of every one in its frame).
    this.closeJoin(i);
  }

  /** Renders the token at i (and any it consumes); returns the index of the last one consumed. */
  private token(i: number): number {
    const t = this.tokens[i]!;
    switch (t.kind) {
      case 'number':
        this.emit(this.kinds.comparedLiteral(this.tokens, i, this.compound.booleans.has(i)) ?? number(t.text), 'literal');
        return i;
      case 'string':
        // SQLite takes a string after AS, or straight after a value, as an alias: SELECT x AS 'Total', y 'Y'.
        if (this.isKeyword(i - 1, 'AS') || this.endsValue()) this.emit(this.name(t.value), 'name');
        else this.emit(literal(this.patterns.get(i) ?? t.value), 'literal');
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
      const last = this.parts.at(-1);
      if (last?.role === 'keyword' && (last.text === 'FROM' || last.text === 'JOIN') && isWord(this.tokens[i + 1], 'SELECT')) this.nextFrame = 'derived';
      this.frames.push(this.nextFrame);
      this.nextFrame = 'plain';
      this.emit('(', 'open');
    } else if (t.text === ')') {
      const frame = this.frames.pop();
      this.emit(')', 'close');
      // SQLite lets a subquery in FROM go unnamed; PostgreSQL before 16 does not.
      if (frame === 'derived' && !this.isAlias(i + 1)) {
        this.emit('AS', 'keyword');
        this.emit(quoteIdent(`subquery_${i}`), 'name');
      }
    } else if (t.text === ',') this.emit(',', 'comma');
    else if (t.text === '.') this.emit('.', 'dot');
    else {
      if (ARITHMETIC.has(t.text) && this.endsValue() && this.options.compatFunctions && (this.kinds.isText(this.tokens[i - 1]) || this.kinds.isText(this.tokens[i + 1]))) this.compat.add(TEXT_ARITHMETIC_NAME);
      this.emit(OPERATOR_MAP[t.text]!, 'operator');
    }
    return i;
  }

  private word(i: number): number {
    const t = this.tokens[i]!;
    const upper = t.text.toUpperCase();
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    if (isOp(prev, '.') || isOp(next, '.')) {
      this.emit(this.name(t.text), 'name');
      return i;
    }
    if (keywordAt(this.tokens, i, upper, this.context)) {
      if (upper === 'JOIN' && !this.isKeyword(i - 1, 'CROSS') && !this.isKeyword(i - 1, 'NATURAL') && !this.isKeyword(i - 2, 'NATURAL')) this.pendingJoins.push(this.frames.length);
      // SQLite's postfix `x NOT NULL` is PostgreSQL's `x IS NOT NULL`.
      if (upper === 'NOT' && isWord(next, 'NULL') && this.endsValue()) {
        for (const w of ['IS', 'NOT', 'NULL']) this.emit(w, 'keyword');
        return i + 1;
      }
      if (upper === 'CASE') this.caseDepth++;
      if (upper === 'END') this.caseDepth--;
      if (upper === 'CAST') this.nextFrame = 'cast';
      if (upper === 'OVER') this.nextFrame = 'window';
      if (upper === 'LIKE') return this.match(i, upper);
      this.emit(upper, 'keyword');
      if (upper === 'AS' && this.frames.at(-1) === 'cast') return this.castType(i + 1);
      if (upper === 'COLLATE') return this.collation(i + 1);
      return i;
    }
    if (SQLITE_ONLY_OPERATORS.has(upper) && (this.endsValue() || this.isKeyword(i - 1, 'NOT'))) return this.match(i, upper);
    if (isOp(next, '(')) return this.call(i);
    this.emit(this.name(t.text), 'name');
    return i;
  }

  /** The type of CAST(x AS type) at i (see castTypeOf); returns the last token of the type. */
  private castType(i: number): number {
    const cast = castTypeOf(this.tokens, i);
    if ('untranslated' in cast) throw new Untranslatable(cast.untranslated);
    this.emit(cast.type, 'type');
    return cast.end;
  }

  /** SQLite's BINARY compares bytes, as PostgreSQL's "C" does; NOCASE and RTRIM have no equivalent. */
  private collation(i: number): number {
    const t = this.tokens[i];
    const name = t?.kind === 'word' || t?.kind === 'quoted' || t?.kind === 'string' ? t.value : undefined;
    if (name?.toUpperCase() !== 'BINARY') throw new Untranslatable(`it uses COLLATE ${JSON.stringify(name ?? t?.text ?? '')}, which PostgreSQL does not have`);
    this.emit(quoteIdent('C'), 'name');
    return i;
  }

  /** A function call (see translateCall); returns the last token it consumed. */
  private call(i: number): number {
    const call = translateCall(this.tokens, i, this.options.compatFunctions === true, (word) => this.name(word), (t) => this.kinds.kindOf(t));
    if ('untranslated' in call) throw new Untranslatable(call.untranslated);
    for (const p of call.parts) this.emit(p.text, p.role);
    for (const c of call.compat) this.compat.add(c);
    for (const [index, value] of call.patterns) this.patterns.set(index, value);
    for (const [start, wrap] of call.wraps) this.wraps.set(start, wrap);
    return call.end;
  }

  /** LIKE, GLOB, REGEXP or MATCH at i (see translateMatch). */
  private match(i: number, upper: string): number {
    const m = translateMatch(this.tokens, i, upper);
    if ('untranslated' in m) throw new Untranslatable(m.untranslated);
    for (const k of m.keywords) this.emit(k, 'keyword');
    if (m.pattern !== undefined) this.patterns.set(i + 1, m.pattern);
    return i;
  }

  /** Whether the token at i names what precedes it (`AS x`, `x`, `"x"`). */
  private isAlias(i: number): boolean {
    const t = this.tokens[i];
    if (t === undefined || t.kind === 'operator') return false;
    if (t.kind !== 'word') return true;
    const upper = t.text.toUpperCase();
    return upper === 'AS' || !(RESERVED_KEYWORDS.has(upper) || JOIN_KEYWORDS.has(upper) || ['LIMIT', 'WINDOW', 'NATURAL'].includes(upper));
  }

  private name(value: string): string {
    if (value.length === 0) throw new Untranslatable('it holds an empty name');
    if (value.includes('\u0000')) throw new Untranslatable('a name holds a NUL character');
    return quoteIdent(this.options.renames?.get(value.toLowerCase()) ?? foldIdentifier(value, this.options.identifiers));
  }

  /** What keywordAt reads of the rendering so far. */
  private get context(): KeywordContext {
    return { endsValue: () => this.endsValue(), isKeyword: (i, upper) => this.isKeyword(i, upper), inWindow: this.frames.at(-1) === 'window', inCase: this.caseDepth > 0 };
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

