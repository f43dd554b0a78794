import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** The parsed values of addSourceTargetOptions. */
export interface SourceTargetOpts {
  to?: string;
  schema: string;
  identifiers: 'lower' | 'preserve';
  include: string[];
  exclude: string[];
  nul: 'error' | 'strip';
  jobs: number;
  json?: boolean;
}

/** The library options every command that reads `file` into `targetUrl` passes on as they are. */
export function sourceTargetOptions(file: string, targetUrl: string, opts: SourceTargetOpts) {
  return { source: file, target: targetUrl, schema: opts.schema, identifiers: opts.identifiers, include: opts.include, exclude: opts.exclude, nul: opts.nul, jobs: opts.jobs };
}

/** Options shared by `migrate sqlite-to-pg` and `migrate verify`. */
export function addSourceTargetOptions(cmd: Command): Command {
  return cmd
    .option('--to <postgres-url>', 'target PostgreSQL URL (default: $DATABASE_URL, else PGHOST/PGDATABASE, else catdb\'s local PostgreSQL; see docs/connecting.md)')
    .option('--schema <name>', 'target schema', 'public')
    .addOption(new Option('--identifiers <mode>', 'lower-case names so unquoted SQL works, or keep their case').choices(['lower', 'preserve']).default('lower'))
    .option('--include <table>', 'only this table (repeatable)', collect, [])
    .option('--exclude <table>', 'leave this table out (repeatable)', collect, [])
    .addOption(new Option('--nul <mode>', 'text holding U+0000, which PostgreSQL cannot store').choices(['error', 'strip']).default('error'))
    .addOption(new Option('--jobs <n>', 'parallel connections').argParser(parsePositiveInt).default(Math.max(2, availableParallelism()), 'CPU cores, at least 2'))
    .option('--json', 'print NDJSON events instead of progress');
}
