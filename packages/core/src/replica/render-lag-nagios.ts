import { renderNagiosStatus, type PerfDatum } from '../monitoring/render-nagios-status.js';
import type { LagReport } from './types.js';

/** The service name Nagios shows for `catdb replica lag`. */
export const LAG_SERVICE = 'REPLICA';

/**
 * One Nagios plugin line: `REPLICA <STATE>: <summary> | <perfdata>`. Perfdata per standby:
 * `<name>_replay_bytes=<n>B;<warn>;<crit>;0` and `<name>_replay_lag=<s>s;<warn>;<crit>;0`
 * (thresholds as Nagios ranges, `U` when unknown), and per physical slot
 * `slot_<name>_retained=<n>B;;;0`. Pure.
 */
export function renderLagNagios(report: LagReport): string {
  const w = report.thresholds.warn.range;
  const c = report.thresholds.crit.range;
  const perf: PerfDatum[] = [];
  const limits = (warn: string | null, crit: string | null) => ({ ...(warn ? { warn } : {}), ...(crit ? { crit } : {}) });
  for (const s of report.standbys) {
    perf.push({ label: `${s.name}_replay_bytes`, value: s.bytesBehind, uom: 'B', ...limits(w.bytes, c.bytes), min: 0 });
    perf.push({ label: `${s.name}_replay_lag`, value: s.lagUs === null ? null : s.lagUs / 1_000_000, uom: 's', ...limits(w.seconds, c.seconds), min: 0 });
  }
  for (const slot of report.status.slots) {
    if (slot.slotType === 'physical') perf.push({ label: `slot_${slot.slotName}_retained`, value: slot.retainedWalBytes, uom: 'B', min: 0 });
  }
  return renderNagiosStatus(LAG_SERVICE, report.state, report.summary, perf);
}
