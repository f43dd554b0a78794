/**
 * libpq's environment variables that fill in what a connection URL leaves out, as psql and
 * pg_dump read them: PGSSLMODE and PGSSLROOTCERT become the URL's `sslmode` / `sslrootcert`
 * when it has none (so they behave exactly like those parameters), PGAPPNAME names the session
 * when the URL does not, and PGPASSWORD is the password when the URL carries none (before any
 * passfile, as libpq does). PGUSER, PGPASSFILE and PGCONNECT_TIMEOUT are read where the user,
 * the passfile and the deadline are decided. Pure apart from reading `env`.
 */
export function withLibpqEnvironment(url: string, env: NodeJS.ProcessEnv = process.env): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  for (const [param, variable] of [['sslmode', 'PGSSLMODE'], ['sslrootcert', 'PGSSLROOTCERT']] as const) {
    const value = env[variable];
    if (value && !parsed.searchParams.has(param)) {
      parsed.searchParams.set(param, value);
      changed = true;
    }
  }
  return changed ? parsed.href : url;
}

/** The session name a user asked for: the URL's `application_name`, else PGAPPNAME; undefined when neither. */
export function userApplicationName(parsed: { application_name?: string | null }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return parsed.application_name || env.PGAPPNAME || undefined;
}

/** PGPASSWORD, for a URL that carries no password; undefined when unset or empty. */
export function environmentPassword(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.PGPASSWORD || undefined;
}
