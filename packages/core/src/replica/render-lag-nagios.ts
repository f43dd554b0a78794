import type { LagReport } from './types.js';

function perfLabel(name: string): string {
  // Nagios perfdata: labels with spaces, '=' or quotes go in single quotes ('' for a quote).
  // A '|' anywhere after the first one would be read as more perfdata, so it becomes '/'.
  const clean = name.replaceAll('|', '/');
  return /^[A-Za-z0-9_.:-]+$/.test(clean) ? clean : `'${clean.replaceAll("'", "''")}'`;
}

const secs = (us: number): string => String(us / 1_000_000);

/**
 * One Nagios plugin line: `REPLICA <STATE> - <summary> | <perfdata>`. Perfdata per standby:
 * `<name>_replay_bytes=<n>B;warn;crit;0` and `<name>_replay_lag=<s>s;warn;crit;0`, and per
 * slot `slot_<name>_retained=<n>B`. Pure.
 */
export function renderLagNagios(report: LagReport): string {
  const w = report.thresholds.warn;
  const c = report.thresholds.crit;
  const perf: string[] = [];
  for (const s of report.standbys) {
    if (s.bytesBehind !== null) perf.push(`${perfLabel(`${s.name}_replay_bytes`)}=${s.bytesBehind}B;${w.bytes ?? ''};${c.bytes ?? ''};0`);
    if (s.lagUs !== null) perf.push(`${perfLabel(`${s.name}_replay_lag`)}=${secs(s.lagUs)}s;${w.ms === null ? '' : w.ms / 1000};${c.ms === null ? '' : c.ms / 1000};0`);
  }
  for (const slot of report.status.slots) {
    if (slot.slotType === 'physical' && slot.retainedWalBytes !== null) perf.push(`${perfLabel(`slot_${slot.slotName}_retained`)}=${slot.retainedWalBytes}B;;;0`);
  }
  // The summary must stay on one line and must not contain '|', which starts perfdata.
  const summary = report.summary.replaceAll('|', '/').replaceAll('\n', ' ');
  return `REPLICA ${report.state} - ${summary}${perf.length ? ' | ' + perf.join(' ') : ''}`;
}
