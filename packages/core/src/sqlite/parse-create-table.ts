/**
 * Reads what SQLite's PRAGMAs do not expose from a CREATE TABLE statement: CHECK
 * constraints, generated-column expressions, constraint names, AUTOINCREMENT.
 * A small scanner, not a full SQL parser: it only needs to respect quoting
 * ('…', "…", `…`, […]), comments and parentheses.
 */
export interface ParsedCreateTable {
  columns: Map<string, ParsedColumn>;
  checks: { name?: string; expression: string }[];
  primaryKeyName?: string;
  autoincrement: boolean;
}

export interface ParsedColumn {
  name: string;
  checks: { name?: string; expression: string }[];
  generated?: { expression: string; stored: boolean };
}

interface Token {
  text: string;
  /** word, quoted identifier/string, punctuation, or a whole parenthesised group. */
  kind: 'word' | 'ident' | 'string' | 'punct' | 'group';
  start: number;
  end: number;
}

/** Splits SQL into tokens, with each top-level (...) as one `group` token. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const start = i;
      i = skipQuoted(sql, i);
      tokens.push({ text: sql.slice(start, i), kind: ch === "'" ? 'string' : 'ident', start, end: i });
    } else if (ch === '(') {
      const start = i;
      i = skipGroup(sql, i);
      tokens.push({ text: sql.slice(start, i), kind: 'group', start, end: i });
    } else if (/[A-Za-z0-9_$\u0080-\uffff]/.test(ch)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_$.\u0080-\uffff]/.test(sql[i]!)) i++;
      tokens.push({ text: sql.slice(start, i), kind: 'word', start, end: i });
    } else {
      tokens.push({ text: ch, kind: 'punct', start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

function skipQuoted(sql: string, i: number): number {
  const open = sql[i]!;
  const close = open === '[' ? ']' : open;
  i++;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (close !== ']' && sql[i + 1] === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return i;
}

function skipGroup(sql: string, i: number): number {
  let depth = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      i = skipQuoted(sql, i);
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}

/** The name inside SQLite quoting: "a""b" → a"b, [x] → x, `y` → y. */
export function unquoteIdent(text: string): string {
  const first = text[0];
  if (first === '"' || first === '`') return text.slice(1, -1).replaceAll(first + first, first);
  if (first === '[') return text.slice(1, -1);
  if (first === "'") return text.slice(1, -1).replaceAll("''", "'");
  return text;
}

/** Splits the body of a group token at top-level commas. */
function splitDefinitions(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      i = skipQuoted(body, i) - 1;
    } else if (ch === '-' && body[i + 1] === '-') {
      while (i < body.length && body[i] !== '\n') i++;
    } else if (ch === '/' && body[i + 1] === '*') {
      const close = body.indexOf('*/', i + 2);
      i = close < 0 ? body.length : close + 1;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const TABLE_CONSTRAINT = /^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)$/i;

export function parseCreateTable(sql: string): ParsedCreateTable {
  const tokens = tokenize(sql);
  const body = tokens.find((t) => t.kind === 'group');
  const result: ParsedCreateTable = { columns: new Map(), checks: [], autoincrement: /\bAUTOINCREMENT\b/i.test(sql) };
  if (!body) return result;
  for (const def of splitDefinitions(body.text.slice(1, -1))) {
    const defTokens = tokenize(def);
    const first = defTokens[0];
    if (!first) continue;
    const isTableConstraint = first.kind === 'word' && TABLE_CONSTRAINT.test(first.text);
    const checks = collectChecks(defTokens);
    if (isTableConstraint) {
      result.checks.push(...checks);
      const pkAt = defTokens.findIndex((t) => t.kind === 'word' && /^PRIMARY$/i.test(t.text));
      if (pkAt >= 2 && /^CONSTRAINT$/i.test(defTokens[pkAt - 2]!.text)) result.primaryKeyName = unquoteIdent(defTokens[pkAt - 1]!.text);
      continue;
    }
    const column: ParsedColumn = { name: unquoteIdent(first.text), checks };
    const pkAt = defTokens.findIndex((t) => t.kind === 'word' && /^PRIMARY$/i.test(t.text));
    if (pkAt >= 2 && /^CONSTRAINT$/i.test(defTokens[pkAt - 2]!.text)) result.primaryKeyName = unquoteIdent(defTokens[pkAt - 1]!.text);
    for (let i = 1; i < defTokens.length; i++) {
      const t = defTokens[i]!;
      const next = defTokens[i + 1];
      if (t.kind === 'word' && /^AS$/i.test(t.text) && next?.kind === 'group') {
        const after = defTokens[i + 2];
        column.generated = { expression: next.text.slice(1, -1).trim(), stored: after !== undefined && /^STORED$/i.test(after.text) };
      }
    }
    result.columns.set(column.name.toLowerCase(), column);
  }
  return result;
}

function collectChecks(tokens: Token[]): { name?: string; expression: string }[] {
  const checks: { name?: string; expression: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.kind === 'word' && /^CHECK$/i.test(t.text) && next?.kind === 'group') {
      const named = i >= 2 && /^CONSTRAINT$/i.test(tokens[i - 2]!.text) ? unquoteIdent(tokens[i - 1]!.text) : undefined;
      checks.push({ ...(named ? { name: named } : {}), expression: next.text.slice(1, -1).trim() });
    }
  }
  return checks;
}

/** The WHERE clause of a CREATE INDEX statement (partial index), if any. */
export function partialIndexWhere(sql: string): string | undefined {
  const tokens = tokenize(sql);
  const at = tokens.findIndex((t) => t.kind === 'word' && /^WHERE$/i.test(t.text));
  if (at < 0) return undefined;
  return sql.slice(tokens[at]!.end).trim().replace(/;\s*$/, '');
}

/** The expressions of a CREATE INDEX column list, in order (for expression indexes). */
export function indexColumnTexts(sql: string): string[] {
  const tokens = tokenize(sql);
  const onAt = tokens.findIndex((t) => t.kind === 'word' && /^ON$/i.test(t.text));
  const group = tokens.slice(onAt + 1).find((t) => t.kind === 'group');
  return group ? splitDefinitions(group.text.slice(1, -1)) : [];
}
