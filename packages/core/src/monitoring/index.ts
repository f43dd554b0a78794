// Public API of the Nagios plugin conventions; re-exported from the package index.
export { parseNagiosRange, rangeAlerts, renderNagiosRange, upTo, type NagiosRange } from './nagios-range.js';
export { renderNagiosStatus, type NagiosState, type PerfDatum } from './render-nagios-status.js';
export { CHECK_EXIT_CODE, type CheckState } from './check-state.js';
export { DEFAULT_CHECK_TIMEOUT_MS } from './default-check-timeout.js';
