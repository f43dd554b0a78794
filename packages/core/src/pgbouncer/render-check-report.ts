import type { CheckReport } from './map-check-findings.js';

/**
 * One Nagios plugin line: status, the findings that are not OK, then performance data
 * (`label=value;warn;crit`). Pure.
 */
export function renderNagiosLine(report: CheckReport, thresholds: { maxwaitWarnSeconds: number; maxwaitCritSeconds: number; capacityWarnRatio: number } = { maxwaitWarnSeconds: 1, maxwaitCritSeconds: 5, capacityWarnRatio: 0.8 }): string {
  const problems = report.findings.filter((f) => f.status !== 'OK').map((f) => f.message);
  const summary = problems.length > 0 ? problems.join('; ') : `${report.findings.filter((f) => f.code === 'alias-ok').length} alias(es) answer, no client waiting`;
  const m = report.metrics;
  const perf = [
    `cl_active=${m.clActive}`,
    `cl_waiting=${m.clWaiting};0`,
    `sv_active=${m.svActive}`,
    `sv_idle=${m.svIdle}`,
    `maxwait=${m.maxwaitSeconds}s;${thresholds.maxwaitWarnSeconds};${thresholds.maxwaitCritSeconds}`,
    ...m.capacity.map((c) => `'pool_share_${c.server}'=${Math.round(c.ratio * 100)}%;${Math.round(thresholds.capacityWarnRatio * 100)};100`),
  ];
  return `PGBOUNCER ${report.status} - ${summary.replaceAll('|', '/')} | ${perf.join(' ')}`;
}
