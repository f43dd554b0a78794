import type { CastRule } from '../../packages/core/src/mapping/cast-rules.js';
import type { ValueKind } from '../../packages/core/src/codec/value-kind.js';
import { LEAN_PROFILE_ROWS } from '../../packages/core/src/verify/open-render-pool.js';
import { GENERATED_NOTE } from './generated-note.js';

/** PostgreSQL type names a rule may name as its target, tried against kindForPgType. */
const TARGET_CANDIDATES = [
  'smallint', 'integer', 'bigint', 'int2', 'int4', 'int8', 'real', 'double precision', 'float4', 'float8', 'numeric', 'numeric(p,s)', 'decimal',
  'boolean', 'text', 'varchar(n)', 'character varying(n)', 'char(n)', 'citext', 'bytea', 'timestamptz', 'timestamp', 'date', 'time', 'jsonb', 'json', 'uuid',
];

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** docs/cast-rules.md: the --cast grammar, the default table and the affinity fallback, from the code. */
export function renderCastRules(rules: readonly CastRule[], affinity: Readonly<Record<string, string>>, kindForPgType: (t: string) => ValueKind | undefined): string {
  const byKind = new Map<ValueKind, string[]>();
  for (const t of TARGET_CANDIDATES) {
    const kind = kindForPgType(t);
    if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), t]);
  }
  // One row per target and reason: the declared names that share them go together.
  const rows = new Map<string, { types: string[]; rule: CastRule }>();
  for (const r of rules) {
    if (r.match.kind !== 'type') continue;
    const key = `${r.to}\u0000${r.why ?? ''}\u0000${Boolean(r.keepTypmod)}`;
    const row = rows.get(key) ?? { types: [], rule: r };
    row.types.push(r.match.type);
    rows.set(key, row);
  }
  return [
    '# Cast rules',
    '',
    GENERATED_NOTE,
    '',
    'A cast rule says which PostgreSQL type a SQLite column becomes, and with it how each value is',
    'converted and how verification compares it. catdb has a default table (below); `--cast` rules',
    '(CLI, repeatable) and `casts` (library, `parseCastRule(text)`) use the same shape and win over it.',
    '',
    '## Grammar',
    '',
    '```',
    'rule    = "type" <declared type> "to" <pg type> [ "keep typmod" | "drop typmod" ]',
    '        | "column" <table> "." <column> "to" <pg type>',
    '```',
    '',
    '- Keywords are case-insensitive. `<declared type>` is the type name as written in `CREATE TABLE`,',
    '  without its `(n)` / `(p,s)`; it is compared upper-cased with runs of blanks made one space.',
    '- `<table>` and `<column>` compare case-insensitively; double-quote names that hold dots or blanks:',
    '  `column "Order Details"."Unit Price" to numeric(12,2)` (a `""` inside quotes is one `"`). Inside',
    '  the quotes every character stands for itself, blanks, newlines and the word `to` included.',
    "- On a command line, put the whole rule in single quotes: `--cast 'column \"nc.gpkg\".geom to bytea'`.",
    '  The `--cast` options catdb suggests are printed that way, ready to paste.',
    '- `<pg type>` may carry its own modifier: `varchar(40)`, `numeric(12,2)`.',
    '- `keep typmod` carries the declared `(n)` / `(p,s)` over when every value fits (otherwise it is',
    '  dropped with a warning); `drop typmod` never carries it.',
    '- Precedence: a user `column` rule, then a user `type` rule, then the default table, then the',
    '  affinity fallback.',
    '- A rule that cannot be read, or names a target type catdb cannot carry, fails with',
    '  `MAP_BAD_CAST_RULE` before anything is touched (exit 2, a usage error).',
    '',
    'Examples:',
    '',
    '```sh',
    "catdb migrate sqlite-to-pg app.db --cast 'type datetime to timestamp' --cast 'column media_items.metadata to jsonb'",
    '```',
    '',
    '```ts',
    "import { migrateSqliteToPg, parseCastRule } from '@catdb/core';",
    "await migrateSqliteToPg({ source: 'app.db', target: url, casts: [parseCastRule('type money to numeric(12,2)')] });",
    '```',
    '',
    '## Target types',
    '',
    '| Value kind | PostgreSQL types a rule may name |',
    '| --- | --- |',
    ...[...byKind].map(([kind, types]) => `| ${kind} | ${types.map((t) => `\`${t}\``).join(', ')} |`),
    '',
    '## Default table',
    '',
    '| Declared types | PostgreSQL type | Keeps (n) / (p,s) | Why |',
    '| --- | --- | --- | --- |',
    ...[...rows.values()].map(({ types, rule }) => `| ${types.map((t) => `\`${t}\``).join(', ')} | \`${rule.to}\` | ${rule.keepTypmod ? 'when every value fits' : 'no'} | ${cell(rule.why ?? '')} |`),
    '',
    `"When every value fits" is checked before the load, except on tables of more than ${LEAN_PROFILE_ROWS.toLocaleString('en-US')}`,
    'rows: there a scan of every value would cost about as much as the load itself, so the plan',
    'takes the declared `(n)` on trust and the load checks it. A longer value makes catdb warn,',
    'widen that column to `text`, and load the table again; no row is lost. With',
    '`--on-error skip-row` the lengths are measured first, so that no row is rejected for its',
    "length. `--dry-run` and the library's `planSqliteMigration` profile the same way as the run, so",
    'the plan they show is the one the run starts from; a column the load widens is a warning then.',
    '',
    '## Affinity fallback',
    '',
    "A declared type no rule names gets SQLite's own type affinity (https://www.sqlite.org/datatype3.html#determination_of_column_affinity):",
    '',
    '| Affinity | PostgreSQL type |',
    '| --- | --- |',
    ...Object.entries(affinity).map(([a, t]) => `| ${a} | \`${t}\` |`),
    '',
    'The same affinities give the type of `CAST(x AS type)` in views and CHECKs; the rest of',
    "SQLite's dialect there (functions, `LIKE`, booleans, text affinity in comparisons) is",
    'translated as the table in [sql-translation.md](sql-translation.md#sqlites-dialect) says.',
    '',
    'Integer columns are widened when the data does not fit the chosen type (`catdb migrate',
    'sqlite-to-pg --dry-run` shows the mapping of each column and why).',
    '',
    '## When the data does not fit the declaration',
    '',
    'The plan profiles the data first. Where a column holds values of storage classes the type',
    'above cannot carry (BLOBs in a GeoPackage `geom POINT` column, text in `INTEGER_OR_TEXT`, file',
    'names in a `NUMERIC` column, 2 in a `BOOLEAN` one), the data decides: the column becomes the',
    'narrowest type that carries every value exactly (any BLOB: `bytea`; else any text: `text`;',
    'else reals: `double precision`, or `numeric` next to integers beyond 2^53; integers alone:',
    '`bigint`, or for a `BOOLEAN` column the smallest integer type their range fits). A TEXT',
    'column holding BLOBs keeps `text` while every BLOB is valid UTF-8 (they arrive as the text they',
    'encode); one that is not makes it `bytea`. A column holding numbers that references a key the',
    'data made `text` becomes `text` too, so its foreign key can be made. The plan reports each such',
    'decision with the `--cast` rule that pins it; see [fidelity.md](fidelity.md#when-the-data-and-the-declaration-disagree).',
    '',
    '- A user rule (`--cast`) is never overruled: values it cannot carry stop the migration.',
    '- `--strict-types` (library: `strictTypes: true`) keeps the declared types and stops before any',
    '  change (`MAP_MIXED_TYPES`), printing for each column the `--cast` that would carry its values.',
    '',
  ].join('\n');
}
