import { CatdbError } from '../errors.js';
import { describeUrlProblem } from './describe-url-problem.js';
import { parsePostgresUrl } from './parse-postgres-url.js';
import { redactUrl } from './redact-url.js';

/**
 * {@link parsePostgresUrl}, or USAGE_INVALID_URL naming the part that is wrong, with the string
 * redacted: called before anything connects, so a mistyped URL is reported as such and its
 * password never echoed.
 */
export function requirePostgresUrl(text: string): URL {
  const url = parsePostgresUrl(text);
  if (url) return url;
  const problem = describeUrlProblem(text) ?? 'it cannot be read as a PostgreSQL URL';
  throw new CatdbError('USAGE_INVALID_URL', `Not a valid PostgreSQL URL (${problem}): ${redactUrl(text)}`, {
    hint: 'Use postgres://user@host:port/database with the password in PGPASSFILE or ~/.pgpass; percent-encode reserved characters (@ as %40, : as %3A, / as %2F, % as %25).',
    details: { problem },
  });
}
