// The parts of the `pgpass` module (the passfile reader node-postgres uses) that catdb calls; it ships no types.
declare module 'pgpass/lib/helper.js' {
  interface PgpassFields {
    host: string;
    port: string | number;
    database: string;
    user: string;
    password?: string;
  }
  const helper: {
    parseLine(line: string): PgpassFields | null;
    isValidEntry(entry: PgpassFields): boolean;
    match(connInfo: Omit<PgpassFields, 'password'>, entry: PgpassFields): boolean;
  };
  export default helper;
}
