import fc from 'fast-check';

/**
 * SQL that SQLite reads as one harmless object but that hides statements for PostgreSQL,
 * were its text forwarded. Every payload leaves a trace the tests look for: a relation,
 * a role or a function named `pwned_<tag>…`, or a file in the sentinel folder.
 */
export function payload(tag: string, sentinelDir: string): string {
  // Dollar quotes, not '…': the payload often sits inside a SQLite string.
  return [
    `COPY (SELECT 1) TO PROGRAM $p$touch ${sentinelDir}/${tag}.program$p$`,
    `COPY (SELECT 1) TO $p$${sentinelDir}/${tag}.file$p$`,
    `CREATE TABLE public.pwned_${tag} (i int)`,
    `CREATE ROLE pwned_${tag}`,
    `CREATE FUNCTION public.pwned_${tag}() RETURNS int LANGUAGE sql AS $f$SELECT 1$f$`,
  ].join('; ');
}

export interface HostileCase {
  name: string;
  /** SQLite statements that build the file (SQLite must accept them). */
  ddl: string[];
}

/**
 * The fixed seeds: each technique against each place where source SQL reaches PostgreSQL.
 * The comment tricks were written to succeed against text forwarded as it was before:
 * PostgreSQL nests /* comments and ends -- at CR, SQLite does neither. `psqlTrap` is a psql
 * meta-command that leaves a file if the --dry-run script runs it.
 */
export function fixedCases(p: string, psqlTrap = ''): HostileCase[] {
  const nested = (close: string): string => `/* /* */ ' */ 1${close}; ${p}; -- '`;
  return [
    { name: 'CHECK with a nested comment', ddl: [`CREATE TABLE t (x INTEGER CHECK (x > 0 OR x = ${nested(')')}))`] },
    { name: 'CHECK with a comment PostgreSQL ends at CR', ddl: [`CREATE TABLE t (x INTEGER CHECK (x > 0 -- \r); ${p}; SELECT (1\n))`] },
    { name: 'view body with a nested comment', ddl: ['CREATE TABLE t (x INTEGER)', `CREATE VIEW v AS SELECT x FROM t WHERE x = ${nested('')}`] },
    { name: 'partial index predicate with a nested comment', ddl: ['CREATE TABLE t (x INTEGER)', `CREATE INDEX i ON t (x) WHERE x = ${nested('')}`] },
    { name: 'index expression with a nested comment', ddl: ['CREATE TABLE t (x INTEGER)', `CREATE INDEX i ON t ((x + ${nested(')))')}))`] },
    { name: 'default with a nested comment', ddl: [`CREATE TABLE t (x INTEGER DEFAULT (1 + ${nested(')')}))`] },
    { name: 'generated column with a nested comment', ddl: [`CREATE TABLE t (x INTEGER, y INTEGER AS (x + ${nested(')')}))`] },
    { name: 'dollar quotes in strings and names', ddl: [`CREATE TABLE t (x TEXT CHECK (x <> '$$' OR x = '$$; ${p}; $$'))`, `CREATE VIEW v AS SELECT '$$' AS a, x AS "$$; ${p}; --" FROM t`] },
    { name: "E'\\'' backslash escape in a view", ddl: ['CREATE TABLE t (e TEXT, x TEXT)', `CREATE VIEW v AS SELECT e'\\' , x FROM t WHERE x = ' ; ${p}; --'`] },
    { name: 'backslash before a quote in a CHECK', ddl: [`CREATE TABLE t (x TEXT CHECK (x <> 'a\\' OR x = '); ${p}; --'))`] },
    {
      name: 'statement separators inside quoted names',
      ddl: [`CREATE TABLE [t; ${p}; --] ([x; ${p}] INTEGER CHECK ([x; ${p}] > 0))`, `CREATE INDEX [i; ${p}] ON [t; ${p}; --] ([x; ${p}])`, `CREATE VIEW \`v; ${p}\` AS SELECT [x; ${p}] FROM [t; ${p}; --]`],
    },
    {
      name: 'trigger with a nested comment and the function-body quote',
      ddl: ['CREATE TABLE t (x TEXT, n INTEGER)', `CREATE TRIGGER tr BEFORE INSERT ON t BEGIN SELECT RAISE(ABORT, '$catdb_trigger$; ${p}; --') WHERE NEW.x = ${nested('')}; END`],
    },
    {
      name: 'trigger bodies with dollar quotes and separators in strings and names',
      ddl: [
        `CREATE TABLE [t; ${p}] ([x$$; ${p}] TEXT, n INTEGER)`,
        `CREATE TABLE log (m TEXT)`,
        `CREATE TRIGGER [tr; ${p}] AFTER UPDATE OF [x$$; ${p}] ON [t; ${p}] WHEN NEW.[x$$; ${p}] <> '$$; ${p}; $$' BEGIN INSERT INTO log VALUES ('$f$; ${p}; --' || NEW.[x$$; ${p}]); SELECT RAISE(FAIL, '$$); ${p}; --') WHERE NEW.n = ${nested('')}; END`,
      ],
    },
    { name: 'unicode escapes U&"…"', ddl: ['CREATE TABLE t (u INTEGER, x INTEGER)', 'INSERT INTO t VALUES (6, 3)', `CREATE VIEW v AS SELECT U&"x" AS r FROM t`, `CREATE INDEX i ON t (x) WHERE U&'\\0041' IS NOT NULL`] },
    {
      name: 'line breaks in names (the --dry-run script)',
      ddl: [
        `CREATE TABLE "t\n${p};\n--" ("c\r${p}; --" INTEGER CHECK ("c\r${p}; --" >= 0 -- note\r${p}\n))`,
        `CREATE INDEX "i\u2028${p};" ON "t\n${p};\n--" ("c\r${p}; --")`,
        `CREATE VIEW "v\n${p};" AS SELECT * FROM "t\n${p};\n--"`,
        // A psql meta-command on a line of its own in the printed script would run in the reviewer's shell.
        `CREATE TABLE "u\n${psqlTrap}" ("x\n${psqlTrap}" INTEGER)`,
      ],
    },
  ];
}

/** Pieces that confuse one lexer or the other, and the payload itself. */
function junk(p: string, psqlTrap: string): fc.Arbitrary<string> {
  const piece = fc.constantFrom(
    ...["'", "''", '"', '""', '`', '[', ']', '/*', '*/', '--', '\n', '\r', ';', '$$', '$f$', '\\', "E'", 'U&', '(', ')', ',', ' ', 'x', '1', '0x1F', '1_0', 'é', '\u2028'],
    // Halves of the known tricks, so that random runs reassemble them now and then.
    ...['/* /* */ ', "' */ 1); ", '-- \r); ', 'SELECT (1\n', psqlTrap],
    `; ${p}; `,
    p,
  );
  return fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
}

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const sqlName = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/**
 * Random junk hidden in each place source SQL can hold it; SQLite refuses some, which the
 * test skips. `psqlTrap` is a psql meta-command that leaves a file if a script runs it.
 */
export function fuzzCase(p: string, psqlTrap: string): fc.Arbitrary<HostileCase> {
  return junk(p, psqlTrap).chain((j) => fc.constantFrom(...placesFor(j)));
}

function placesFor(j: string): HostileCase[] {
  const base = 'CREATE TABLE t (x INTEGER)';
  return [
    { name: 'CHECK string', ddl: [`CREATE TABLE t (x INTEGER CHECK (x > 0 OR x = ${sqlString(j)}))`] },
    { name: 'CHECK block comment', ddl: [`CREATE TABLE t (x INTEGER CHECK (x > 0 /*${j.replaceAll('*/', '')}*/))`] },
    { name: 'CHECK line comment', ddl: [`CREATE TABLE t (x INTEGER CHECK (x > 0 --${j.replaceAll('\n', '')}\n))`] },
    { name: 'CHECK as written', ddl: [`CREATE TABLE t (x INTEGER CHECK (x > 0 OR x = (${j})))`] },
    { name: 'view string', ddl: [base, `CREATE VIEW v AS SELECT x, ${sqlString(j)} AS s FROM t`] },
    { name: 'view as written', ddl: [base, `CREATE VIEW v AS SELECT x FROM t WHERE x = ${j}`] },
    { name: 'index predicate', ddl: [base, `CREATE INDEX i ON t (x) WHERE x <> ${sqlString(j)} /*${j.replaceAll('*/', '')}*/`] },
    { name: 'index expression', ddl: [base, `CREATE INDEX i ON t ((x || ${sqlString(j)}))`] },
    { name: 'default string', ddl: [`CREATE TABLE t (x TEXT DEFAULT ${sqlString(j)})`] },
    { name: 'default as written', ddl: [`CREATE TABLE t (x TEXT DEFAULT (${j}))`] },
    { name: 'generated column', ddl: [`CREATE TABLE t (x TEXT, y TEXT AS (x || ${sqlString(j)}))`] },
    { name: 'table name', ddl: [`CREATE TABLE ${sqlName(`t${j}`)} (x INTEGER PRIMARY KEY)`] },
    { name: 'column name', ddl: [`CREATE TABLE t (x INTEGER, ${sqlName(`c${j}`)} TEXT UNIQUE)`] },
    { name: 'index name', ddl: [base, `CREATE INDEX ${sqlName(`i${j}`)} ON t (x)`] },
    { name: 'view name', ddl: [base, `CREATE VIEW ${sqlName(`v${j}`)} AS SELECT x FROM t`] },
    { name: 'trigger string', ddl: [base, `CREATE TRIGGER tr BEFORE INSERT ON t BEGIN SELECT RAISE(ABORT, ${sqlString(j)}) WHERE NEW.x = ${sqlString(j)}; END`] },
    { name: 'trigger as written', ddl: [base, `CREATE TRIGGER tr AFTER INSERT ON t WHEN NEW.x = ${j} BEGIN UPDATE t SET x = 1 WHERE x = ${j}; END`] },
    { name: 'trigger name', ddl: [base, `CREATE TRIGGER ${sqlName(`tr${j}`)} BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no'); END`] },
  ].map((c) => ({ ...c, name: `${c.name}: ${JSON.stringify(j)}` }));
}
