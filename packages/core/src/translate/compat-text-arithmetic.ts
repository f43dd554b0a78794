/**
 * SQLite does arithmetic on text by reading its leading number ('12abc' + 1 is 13, 'Nancy' +
 * ' ' is 0); PostgreSQL has no `+` for text. catdb's operators for the text combinations
 * PostgreSQL lacks live in `catdb_sqlite`, which views that need them have on their
 * search_path when they are created: PostgreSQL's own operators still win for every pair of
 * types it has, and the view keeps the operator it resolved.
 */

/** SQLite's numeric value of a text: its longest leading number, else 0. */
const NUM = `CREATE OR REPLACE FUNCTION catdb_sqlite.num(v text) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS $fn$ SELECT coalesce((regexp_match(v, '^\\s*([+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?)'))[1]::numeric, 0) $fn$`;

const OPERATORS: Readonly<Record<string, [name: string, body: string]>> = {
  '+': ['add', 'l + r'],
  '-': ['sub', 'l - r'],
  '*': ['mul', 'l * r'],
  // Integers divide as integers in SQLite, and a division by zero is NULL.
  '/': ['div', 'CASE WHEN r = 0 THEN NULL WHEN l = trunc(l) AND r = trunc(r) THEN trunc(l / r) ELSE l / r END'],
};

const PAIRS: readonly [string, string][] = [
  ['text', 'text'],
  ['text', 'numeric'],
  ['numeric', 'text'],
  ['text', 'double precision'],
  ['double precision', 'text'],
];

const operand = (type: string, name: string): string => (type === 'text' ? `catdb_sqlite.num(${name})` : `${name}::numeric`);

function statements(): string[] {
  const out = [NUM];
  for (const [op, [name, body]] of Object.entries(OPERATORS)) {
    for (const [left, right] of PAIRS) {
      const fn = `catdb_sqlite.${name}_${left.split(' ')[0]}_${right.split(' ')[0]}`;
      out.push(`CREATE OR REPLACE FUNCTION ${fn}(a ${left}, b ${right}) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS $fn$ SELECT ${body} FROM (SELECT ${operand(left, 'a')} AS l, ${operand(right, 'b')} AS r) AS x $fn$`);
      // CREATE OPERATOR has no OR REPLACE: created once, kept by a later run.
      out.push(
        `DO $do$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_operator WHERE oprname = '${op}' AND oprnamespace = 'catdb_sqlite'::regnamespace AND oprleft = '${left}'::regtype AND oprright = '${right}'::regtype) THEN ` +
          `CREATE OPERATOR catdb_sqlite.${op} (LEFTARG = ${left}, RIGHTARG = ${right}, FUNCTION = ${fn}); END IF; END $do$`,
      );
    }
  }
  return out;
}

/** The statements for the text arithmetic operators, after the schema exists. */
export const TEXT_ARITHMETIC: readonly string[] = statements();
