import { renderNagiosStatus } from '../monitoring/render-nagios-status.js';
import type { CheckReport, CheckThresholds } from './map-check-findings.js';

/** The service name Nagios shows for `catdb pgbouncer check`. */
export const PGBOUNCER_SERVICE = 'PGBOUNCER';

/** The findings that are not OK, in one sentence; or how many aliases answered. Pure. */
export function summarizeCheck(report: CheckReport): string {
  const problems = report.findings.filter((f) => f.status !== 'OK').map((f) => f.message);
  return problems.length > 0 ? problems.join('; ') : `${report.findings.filter((f) => f.code === 'alias-ok').length} alias(es) answer, no client waiting`;
}

/**
 * One Nagios plugin line: `PGBOUNCER <STATUS>: <findings that are not OK> | <perfdata>`, with
 * warn/crit as Nagios ranges that say what the findings say (`cl_waiting` above 0, `maxwait`
 * above its limits, the pools' share of max_connections above the warning ratio, 100% or
 * more critical). Pure.
 */
export function renderNagiosLine(
  report: CheckReport,
  thresholds: Pick<CheckThresholds, 'maxwaitWarnSeconds' | 'maxwaitCritSeconds' | 'capacityWarnRatio'> = { maxwaitWarnSeconds: 1, maxwaitCritSeconds: 5, capacityWarnRatio: 0.8 },
): string {
  const summary = summarizeCheck(report);
  const m = report.metrics;
  const percent = (ratio: number): number => Math.round(ratio * 1000) / 10;
  return renderNagiosStatus(PGBOUNCER_SERVICE, report.status, summary, [
    { label: 'cl_active', value: m.clActive },
    { label: 'cl_waiting', value: m.clWaiting, warn: '0' },
    { label: 'sv_active', value: m.svActive },
    { label: 'sv_idle', value: m.svIdle },
    { label: 'maxwait', value: m.maxwaitSeconds, uom: 's', warn: String(thresholds.maxwaitWarnSeconds), crit: String(thresholds.maxwaitCritSeconds), min: 0 },
    ...m.capacity.map((c) => ({ label: `pool_share_${c.server}`, value: percent(c.ratio), uom: '%' as const, warn: String(percent(thresholds.capacityWarnRatio)), crit: '@100:' })),
  ]);
}
