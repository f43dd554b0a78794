import { comparedColumn } from './compared-column.js';
import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { literal } from './pg-token-text.js';
import { RESERVED_KEYWORDS } from './sql-words.js';
import type { TranslateOptions } from './translate-sqlite-sql.js';

/** What the translator knows of the columns a name may stand for: their kinds, booleans among them. */
export class ColumnKinds {
  constructor(private readonly options: Pick<TranslateOptions, 'booleans' | 'kinds'>) {}

  /** Whether a token is a string or a column that is text (in some tables, for `mixed`). */
  isText(t: SqliteToken | undefined): boolean {
    if (t === undefined) return false;
    const kind = t.kind === 'string' ? 'text' : this.kindOf(t);
    return kind === 'text' || kind === 'mixed';
  }

  /** The kind of the column a name token stands for, where every table that has the name agrees. */
  kindOf(t: SqliteToken): string | undefined {
    if (!(t.kind === 'quoted' || (t.kind === 'word' && !RESERVED_KEYWORDS.has(t.text.toUpperCase())))) return undefined;
    const name = t.value.toLowerCase();
    return this.options.booleans?.has(name) ? 'boolean' : this.options.kinds?.get(name);
  }

  /**
   * The number at i as SQLite reads it against the column it is compared with: `false`/`true`
   * for a 0/1 and a boolean column (`is_favorite = 1`, `deprecated IN (0, 1)`, or united with
   * one, see compoundSelectTypes); a string for an integer and a text column, whose affinity
   * SQLite applies to the literal (`Discontinued = 0` is `Discontinued = '0'`). Undefined: the
   * number as it is.
   */
  comparedLiteral(tokens: readonly SqliteToken[], i: number, unitedWithBoolean: boolean): string | undefined {
    const t = tokens[i]!;
    if (unitedWithBoolean) return t.text === '1' ? 'TRUE' : 'FALSE';
    const other = comparedColumn(tokens, i);
    const kind = other === undefined ? undefined : this.kindOf(other);
    if (kind === 'boolean' && (t.text === '0' || t.text === '1')) return t.text === '1' ? 'TRUE' : 'FALSE';
    if (kind === 'text' && /^[0-9]+$/.test(t.text)) return literal(String(BigInt(t.text)));
    return undefined;
  }
}
