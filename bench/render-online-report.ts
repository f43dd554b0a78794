import type { OnlineBenchResult, WriterPhase } from './online-bench-types.js';

/** The online benchmark as lines for the console, or as a Markdown section. Pure. */
export function renderOnlineReport(r: OnlineBenchResult, format: 'text' | 'markdown'): string {
  if (r.status !== 'ok') return format === 'text' ? `online: FAILED — ${r.error ?? 'unknown'}` : `## Online migration\n\nFailed: ${r.error ?? 'unknown'}\n`;
  const rows: [string, string][] = [
    ['writer', `${r.writesPerSecond} writes/s requested, ${r.achievedWritesPerSecond.toFixed(0)} achieved`],
    ['copy (capture, snapshot, keys, verification)', `${r.copyS.toFixed(1)} s`],
    ['backlog when following started', `${r.backlogChanges.toLocaleString('en-US')} changes`],
    ['catch-up after the snapshot', `${r.catchUpS.toFixed(1)} s (${Math.round(r.catchUpChangesPerS).toLocaleString('en-US')} changes/s)`],
    ['follower speed (best round)', r.followerChangesPerS === null ? 'not measured' : `${r.followerChangesPerS.toLocaleString('en-US')} changes/s`],
    ['write pause at cutover', `${r.pauseMs} ms (estimated ${r.estimatedPauseMs} ms; ${r.drainedChanges} changes drained under the lock)`],
    ["writer's longest write during the pause", `${Math.round(r.writerMaxBlockedMs)} ms`],
    ['writes refused by the fence afterwards', String(r.fencedWrites)],
    ...r.writerPhases.map((p): [string, string] => [`writer, ${p.name}`, writerPhaseText(p)]),
  ];
  if (format === 'text') return [`online — ${r.rows.toLocaleString('en-US')} media items, writer at ${r.writesPerSecond} writes/s`, ...rows.map(([k, v]) => `  ${k}: ${v}`)].join('\n');
  return [
    '## Online migration',
    '',
    `\`catdb migrate sqlite-to-pg --online\` on the ${r.rows.toLocaleString('en-US')}-item database (WAL mode) while a writer process updates, inserts and deletes rows at ${r.writesPerSecond} writes/s the whole time; \`catdb migrate cutover\` from another process once the follower has caught up.`,
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ].join('\n');
}

function writerPhaseText(p: WriterPhase): string {
  const ms = (v: number): string => (v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'));
  return `${p.writesPerSecond.toFixed(0)} writes/s over ${p.seconds.toFixed(1)} s; write latency p50 ${ms(p.p50Ms)} ms, p99 ${ms(p.p99Ms)} ms, max ${ms(p.maxMs)} ms${p.skipped ? `; ${p.skipped} dropped behind schedule` : ''}`;
}
