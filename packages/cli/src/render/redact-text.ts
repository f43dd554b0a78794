import { redactUrl } from '@catdb/core';

// Connection URLs anywhere in a line, to their end (space, quote or closing bracket).
const URL_IN_TEXT = /postgres(?:ql)?:\/\/[^\s'"<>)\]]+/gi;
// libpq keyword/value passwords (`password=secret`, `password='a b'`).
const KEYWORD_PASSWORD = /\b(password|sslpassword)(\s*=\s*)('(?:[^'\\]|\\.)*'?|\S+)/gi;

/**
 * Free text (a log line, an event as JSON) made safe to keep: every connection URL in it goes
 * through redactUrl, keyword/value passwords are masked, and so is every literal secret
 * given (passwords the user passed in URLs or PGPASSWORD), wherever it shows.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join('*****');
  out = out.replace(URL_IN_TEXT, (url) => redactUrl(url));
  return out.replace(KEYWORD_PASSWORD, (_whole, key: string, eq: string) => `${key}${eq}*****`);
}

/** The passwords a command line and the environment hold: in any postgres URL argument, and PGPASSWORD. */
export function secretsOf(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const secrets: string[] = [];
  for (const arg of argv) {
    for (const match of arg.match(URL_IN_TEXT) ?? []) {
      try {
        const password = new URL(match).password;
        if (password) secrets.push(password, decodeURIComponent(password));
      } catch {
        // not a URL after all; redactUrl still masks its user info
      }
    }
  }
  for (const key of ['PGPASSWORD', 'DATABASE_URL']) {
    const value = env[key];
    if (!value) continue;
    if (key === 'PGPASSWORD') secrets.push(value);
    else secrets.push(...secretsOf([value], {}));
  }
  return [...new Set(secrets)].sort((a, b) => b.length - a.length);
}
