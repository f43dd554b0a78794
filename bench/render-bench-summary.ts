import type { BenchResults, ContenderResult } from './bench-types.js';

function line(c: ContenderResult): string {
  const id = c.id.padEnd(17);
  if (c.status !== 'ok' || !c.summary) return `  ${id}${c.id.startsWith('catdb') && c.status === 'not-available' ? 'catdb: not available' : c.status}${c.reason ? ` — ${c.reason}` : ''}`;
  const s = c.summary;
  const split = s.loadS !== undefined && s.postloadS !== undefined ? ` (load ${s.loadS.toFixed(2)} + post-load ${s.postloadS.toFixed(2)})` : '';
  return `  ${id}${s.wallS.toFixed(2)} s${split}  ${Math.round(s.rowsPerS).toLocaleString('en-US')} rows/s  ${s.mibPerS.toFixed(1)} MiB/s  peak RSS ${Math.round(s.peakRssMiB)} MiB`;
}

/** The plain-text report printed at the end of `pnpm bench`: per-scale results, then the targets. Pure. */
export function renderBenchSummary(results: BenchResults): string {
  const out: string[] = [];
  for (const scale of results.scales) {
    out.push(`${scale.scale}× — ${scale.rows.toLocaleString('en-US')} media items, ${scale.totalRows.toLocaleString('en-US')} rows, ${(scale.sqliteBytes / 1024 / 1024).toFixed(0)} MiB`);
    out.push(...scale.contenders.map(line));
  }
  out.push(`peak RSS: ${results.rssMethod}`, 'targets:');
  for (const t of results.targets) {
    out.push(`  ${t.status.padEnd(7)} ${t.description}${t.scale === undefined ? '' : ` [${t.scale}×]`}: ${t.measured}`);
  }
  return out.join('\n');
}
