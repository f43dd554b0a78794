import { resolveTarget as resolveCoreTarget, localDatabaseName, type ResolvedTarget } from '@catdb/core/local';
import { describeTarget } from '../render/describe-target.js';
import type { ActionContext } from '../render/run-action.js';

export type { ResolvedTarget };

export interface TargetChoice {
  /** `--to` (or the command's own option). */
  to: string | undefined;
  /** The SQLite file: the local server's database is named after it. */
  file: string;
  /** 'start' for commands that write; 'if-running' for read-only ones, which never start a server. */
  local: 'start' | 'if-running';
  schema?: string;
  createDatabase?: boolean;
  /** The option naming the target, for messages; default `--to`. */
  option?: string;
}

/**
 * The target in libpq's order (`--to`, DATABASE_URL, PG*, catdb's local server), announced on
 * stderr in one line that names it, so every run says first what it is about to touch.
 */
export async function resolveTarget(ctx: Pick<ActionContext, 'json' | 'signal'>, choice: TargetChoice): Promise<ResolvedTarget> {
  const target = await resolveCoreTarget({
    to: choice.to,
    localDatabase: localDatabaseName(choice.file),
    local: choice.local,
    createDatabase: Boolean(choice.createDatabase),
    ...(choice.option ? { option: choice.option } : {}),
    signal: ctx.signal,
  });
  if (process.env.PGPASSWORD && !new URL(target.url).password && !target.local) {
    process.stderr.write('warning: using the password in PGPASSWORD; environment variables are visible to other processes of the same user, a passfile (PGPASSFILE, ~/.pgpass) is not.\n');
  }
  if (target.local) {
    // Child tools (psql in the printed hint) read the same passfile.
    process.env.PGPASSFILE = target.local.passfile;
  }
  if (!ctx.json) process.stderr.write(announceTarget(target, choice.schema) + '\n');
  return target;
}

/** The first line of a command that touches a database. */
export function announceTarget(target: ResolvedTarget, schema?: string): string {
  const where = describeTarget(target.url, schema);
  if (target.local) {
    return `Using catdb's local PostgreSQL at ${where}${target.local.started ? ' (started it now)' : ''}; stop it with catdb local stop`;
  }
  const from = target.from === 'option' ? '' : ` (from ${target.from === 'PG environment' ? 'PGHOST/PGDATABASE' : target.from})`;
  return `Target: ${where}${from}${target.createdDatabase ? ' (database created)' : ''}`;
}
