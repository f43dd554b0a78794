/** SQLite column affinity, from the rules in https://www.sqlite.org/datatype3.html §3.1. */
export type SqliteAffinity = 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC';

export interface DeclaredType {
  /** The declared type as written. */
  raw: string;
  /** Upper-cased, whitespace folded, without the (…) modifiers: `NVARCHAR(160)` → `NVARCHAR`. */
  base: string;
  /** Numbers inside the parentheses: `NUMERIC(10,2)` → [10, 2]. */
  typmod: number[];
  affinity: SqliteAffinity;
}

/** Splits a declared type into its name and modifiers, and computes SQLite's affinity for it. */
export function parseDeclaredType(raw: string): DeclaredType {
  const text = raw.trim();
  const paren = text.indexOf('(');
  const name = (paren >= 0 ? text.slice(0, paren) + ' ' + text.slice(text.lastIndexOf(')') + 1) : text)
    .replace(/["`[\]]/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toUpperCase();
  const typmod =
    paren >= 0
      ? text
          .slice(paren + 1, text.indexOf(')', paren) < 0 ? undefined : text.indexOf(')', paren))
          .split(',')
          .map((s) => Number(s.trim()))
          .filter((n) => Number.isFinite(n))
      : [];
  return { raw, base: name, typmod, affinity: affinityOf(text) };
}

/** The five affinity rules, applied in order, to the whole declared type. */
export function affinityOf(declared: string): SqliteAffinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t.includes('BLOB') || t.trim() === '') return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}
