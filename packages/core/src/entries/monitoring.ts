// @catdb/core/monitoring: the check states shared by every check, their exit codes, and the
// Nagios plugin status line. Re-exports only.
export { CHECK_EXIT_CODE, type CheckState } from '../monitoring/check-state.js';
export { DEFAULT_CHECK_TIMEOUT_MS } from '../monitoring/default-check-timeout.js';
export { renderNagiosStatus, type NagiosState, type PerfDatum } from '../monitoring/render-nagios-status.js';
