/**
 * Milliseconds a check may take when no deadline is given: 10 s, the default timeout of the
 * Nagios plugins (DEFAULT_SOCKET_TIMEOUT), short enough that the check, not the scheduler,
 * reports a stalled server.
 */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
