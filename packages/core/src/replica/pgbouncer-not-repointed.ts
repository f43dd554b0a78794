import { CatdbError } from '../errors.js';
import { redactUrl } from '../pg/redact-url.js';
import { renderShellArg } from '../render-shell-arg.js';

/**
 * The error of a promotion that happened while PgBouncer could not be moved (unreachable,
 * PAUSE past its deadline, a folder that is not catdb's…): it says the server IS promoted and
 * names the exact `catdb pgbouncer repoint` command that finishes the switch (`details.command`,
 * argv form in `details.argv`). The URL in it is the promoted server's without any password
 * (its passfile stays named). Pure.
 */
export function pgbouncerNotRepointed(cause: unknown, target: string, timeline: number | null, pgbouncerDir: string, replicaUrl: string): CatdbError {
  const url = new URL(replicaUrl);
  url.password = '';
  const primary = redactUrl(url.toString());
  const argv = ['catdb', 'pgbouncer', 'repoint', '--dir', pgbouncerDir, '--primary', primary];
  const command = `catdb pgbouncer repoint --dir ${renderShellArg(pgbouncerDir)} --primary ${renderShellArg(primary)}`;
  return new CatdbError(
    'REPLICA_PGBOUNCER_NOT_REPOINTED',
    `${target} is promoted and accepts writes${timeline === null ? '' : ` on timeline ${timeline}`}, but PgBouncer in ${pgbouncerDir} still leads to the old primary: ${(cause as Error).message}`,
    {
      hint: `Do not promote again. Once PgBouncer answers, run: ${command}`,
      details: { promoted: true, timeline, pgbouncerDir, command, argv },
      cause,
    },
  );
}
