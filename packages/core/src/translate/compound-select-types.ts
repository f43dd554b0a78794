import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { RESERVED_KEYWORDS, VALUE_KEYWORDS } from './sql-words.js';

const ENDS_SELECT_LIST = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'UNION', 'INTERSECT', 'EXCEPT', 'WINDOW']);
const COMPOUND = new Set(['UNION', 'INTERSECT', 'EXCEPT']);

/** What a compound SELECT needs so that PostgreSQL can unite its columns as SQLite does. */
export interface CompoundSelectTypes {
  /**
   * 0/1 literals standing as a whole item (`… UNION ALL SELECT 'axis', 0 FROM axis`) where
   * another SELECT of the compound has a boolean column at that position: they become
   * FALSE/TRUE, as PostgreSQL cannot unite boolean with integer.
   */
  booleans: Set<number>;
  /**
   * Column items (first and last token index) to cast to text, where the compound unites a
   * text column with a column of another kind at that position: SQLite keeps each value's
   * type, PostgreSQL needs one, and text carries both. A kind of `mixed` (a name that is
   * text in some tables and not in others) counts as text here.
   */
  toText: Map<number, number>;
}

/** See CompoundSelectTypes; `kindOf` gives the kind of a column name token, when it is known. */
export function compoundSelectTypes(tokens: readonly SqliteToken[], kindOf: (t: SqliteToken) => string | undefined): CompoundSelectTypes {
  // Select lists by the parenthesis they stand in (-1: the top level), in order.
  const cores = new Map<number, number[][][]>();
  const compound = new Set<number>();
  const groups: number[] = [-1];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'operator' && t.text === '(') groups.push(i);
    else if (t.kind === 'operator' && t.text === ')') groups.pop();
    else if (t.kind === 'word' && COMPOUND.has(t.text.toUpperCase())) compound.add(groups.at(-1)!);
    else if (t.kind === 'word' && t.text.toUpperCase() === 'SELECT') {
      const group = groups.at(-1)!;
      const { items, end } = selectItems(tokens, i + 1);
      cores.set(group, [...(cores.get(group) ?? []), items]);
      i = end - 1;
    }
  }
  const found: CompoundSelectTypes = { booleans: new Set(), toText: new Map() };
  for (const [group, lists] of cores) {
    if (!compound.has(group) || lists.length < 2) continue;
    const width = Math.max(...lists.map((l) => l.length));
    for (let k = 0; k < width; k++) {
      const exprs = lists.map((l) => (l[k] ? withoutAlias(tokens, l[k]!) : []));
      const columns = exprs.map((e) => isColumn(tokens, e));
      const kinds = exprs.map((e, n) => (columns[n] ? kindOf(tokens[e.at(-1)!]!) : undefined));
      if (kinds.includes('boolean')) {
        for (const e of exprs) if (e.length === 1 && tokens[e[0]!]!.kind === 'number' && /^[01]$/.test(tokens[e[0]!]!.text)) found.booleans.add(e[0]!);
      }
      // 'mixed': a name that is text in some tables and not in others; a cast of a text column is harmless.
      if ((kinds.includes('text') || kinds.includes('mixed')) && kinds.some((kind, n) => columns[n] && kind !== 'text')) {
        exprs.forEach((e, n) => {
          if (columns[n] && kinds[n] !== 'text') found.toText.set(e[0]!, e.at(-1)!);
        });
      }
    }
  }
  return found;
}

/** Whether the tokens are a column reference: `name`, `t.name`, `s.t.name`. */
function isColumn(tokens: readonly SqliteToken[], expr: readonly number[]): boolean {
  const name = (t: SqliteToken): boolean => t.kind === 'quoted' || (t.kind === 'word' && !RESERVED_KEYWORDS.has(t.text.toUpperCase()) && !VALUE_KEYWORDS.has(t.text.toUpperCase()));
  return expr.length % 2 === 1 && expr.every((j, n) => (n % 2 === 1 ? tokens[j]!.kind === 'operator' && tokens[j]!.text === '.' : name(tokens[j]!)));
}

/** The token indexes of each item of the select list starting at `from`, and where the list ends. */
function selectItems(tokens: readonly SqliteToken[], from: number): { items: number[][]; end: number } {
  const items: number[][] = [[]];
  let depth = 0;
  let i = from;
  const first = tokens[i];
  if (first?.kind === 'word' && /^(DISTINCT|ALL)$/i.test(first.text)) i++;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'operator' && t.text === '(') depth++;
    else if (t.kind === 'operator' && t.text === ')' && depth-- === 0) break;
    if (depth === 0 && t.kind === 'word' && ENDS_SELECT_LIST.has(t.text.toUpperCase())) break;
    if (depth === 0 && t.kind === 'operator' && t.text === ',') items.push([]);
    else items.at(-1)!.push(i);
  }
  return { items, end: i };
}

/** An item's tokens without a trailing `AS alias` or bare alias. */
function withoutAlias(tokens: readonly SqliteToken[], item: number[]): number[] {
  const last = tokens[item.at(-1)!]!;
  const before = item.length >= 2 ? tokens[item.at(-2)!]! : undefined;
  if (before?.kind === 'word' && before.text.toUpperCase() === 'AS') return item.slice(0, -2);
  const aliasable = last.kind === 'word' || last.kind === 'quoted' || last.kind === 'string';
  const afterValue = before !== undefined && (before.kind === 'number' || before.kind === 'string' || before.kind === 'quoted' || (before.kind === 'word' && before.text !== '.') || (before.kind === 'operator' && before.text === ')'));
  return aliasable && afterValue ? item.slice(0, -1) : item;
}
