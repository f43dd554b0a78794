/**
 * The connection strings catdb accepts: `postgres://` or `postgresql://` (libpq's two URI
 * prefixes; `postgres:/…` without the second slash has no host part), a port that fits in
 * 16 bits, and user, password and database validly percent-encoded. Anything else is
 * undefined here, rather than handed to node-postgres, which reads `u:pw@host/db` or
 * `postgres:/u:pw@host/db` as "localhost" and fails far from the typo.
 */
export function parsePostgresUrl(text: string): URL | undefined {
  if (!/^postgres(?:ql)?:\/\//i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  try {
    for (const part of [url.username, url.password, url.pathname]) decodeURIComponent(part);
  } catch {
    return undefined;
  }
  return url;
}
