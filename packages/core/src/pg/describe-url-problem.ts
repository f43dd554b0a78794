/**
 * What is wrong with a string that is no usable PostgreSQL URL, naming the part (scheme, port,
 * host, user, password, database) so the fix is obvious; undefined when nothing is. Never
 * echoes the password or the user info. Pure.
 */
export function describeUrlProblem(text: string): string | undefined {
  const bare = /^(postgres(?:ql)?):(?!\/\/)/i.exec(text)?.[1];
  if (bare) return `${bare}: must be followed by // (postgres://host/database)`;
  // Only a name followed by :// is a scheme: in `user:password@host` the part before the colon is the user.
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text)?.[1];
  if (!scheme) return 'it does not start with postgres:// or postgresql://';
  if (!/^postgres(?:ql)?$/i.test(scheme)) return scheme.length <= 20 ? `the scheme is ${scheme}:, not postgres:// or postgresql://` : 'the scheme is not postgres:// or postgresql://';
  const rest = text.slice(scheme.length + 1);
  const body = rest.slice(2);
  // The user info ends at the LAST @ (the widest reading, as redactUrl takes it): a password with an
  // unencoded / or ? in it then stays user info, never read as a host or port and never echoed.
  const at = body.lastIndexOf('@');
  const userInfo = at >= 0 ? body.slice(0, at) : '';
  const afterUser = at >= 0 ? body.slice(at + 1) : body;
  const end = afterUser.search(/[/?#]/);
  const hostPort = end < 0 ? afterUser : afterUser.slice(0, end);
  const path = end < 0 ? '' : afterUser.slice(end);
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPort);
  const host = portMatch?.[1] ?? hostPort;
  const port = portMatch?.[2];
  if (port !== undefined && port !== '') {
    if (!/^\d+$/.test(port)) return /^[\w.-]{1,10}$/.test(port) ? `the port "${port}" is not a number` : 'the port is not a number';
    const n = Number(port);
    if (n < 1 || n > 65535) return `the port ${port.length > 10 ? `${port.slice(0, 10)}…` : port} is out of range (1–65535)`;
  }
  if (/[\s<>"{}|\\^`]/.test(host) || (host.startsWith('[') && !/^\[[0-9A-Fa-f:.]+\]$/.test(host))) return 'the host is not a host name or address (percent-encode a socket folder as %2F…)';
  const badEncoding = (part: string): boolean => {
    try {
      decodeURIComponent(part);
      return false;
    } catch {
      return true;
    }
  };
  const colon = userInfo.indexOf(':');
  const [user, password] = colon < 0 ? [userInfo, ''] : [userInfo.slice(0, colon), userInfo.slice(colon + 1)];
  if (badEncoding(user)) return 'the user name has a % that is not followed by two hex digits (write % as %25)';
  if (badEncoding(password)) return 'the password has a % that is not followed by two hex digits, or an unencoded reserved character (write % as %25, @ as %40, : as %3A, / as %2F)';
  const database = path.startsWith('/') ? path.slice(1).split(/[?#]/)[0]! : '';
  if (badEncoding(database)) return 'the database name has a % that is not followed by two hex digits (write % as %25)';
  try {
    new URL(text);
  } catch {
    return 'it cannot be read as a URL (percent-encode reserved characters in the user, password and database: @ as %40, : as %3A, / as %2F, % as %25)';
  }
  return undefined;
}
