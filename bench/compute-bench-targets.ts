import type { ContenderId, ContenderResult, ScaleRatios, ScaleResult, TargetCheck } from './bench-types.js';
import { okSummary } from './compute-bench-ratios.js';

/** The issue's targets, as numbers. */
export const BENCH_TARGETS = {
  /** catdb wall time / sequential \copy + post-load wall time. */
  maxVsCopySeq: 1.0,
  /** catdb wall time / parallel \copy + post-load wall time. */
  maxVsCopyPar: 1.15,
  /** Extra time verify may add, percent of the run without it. */
  maxVerifyOverheadPct: 35,
  /** pgloader-tuned wall time / catdb wall time, at least. */
  minPgloaderSpeedup: 2,
  /** Peak RSS of catdb's process tree, MiB, at every scale. */
  maxRssMiB: 300,
  /** Peak RSS at the largest scale may exceed the smallest scale's by this much, percent. */
  maxRssGrowthPct: 15,
} as const;

// Targets are judged on the figure as printed, so a ratio shown as "1.15×" never fails "≤ 1.15×".
const round = (x: number, digits: number): number => Number(x.toFixed(digits));
/** Ratios of equal times can land a hair off a bound: only that much slack, not the display's rounding. */
const EPSILON = 1e-9;
const fmtX = (x: number): string => `${x.toFixed(2)}×`;
const fmtMiB = (x: number): string => `${Math.round(x)} MiB`;

function contender(scale: ScaleResult, id: ContenderId): ContenderResult | undefined {
  return scale.contenders.find((c) => c.id === id);
}

/** Why a contender has no usable figure; FAIL when it ran and failed, PENDING otherwise. */
function missing(scale: ScaleResult, id: ContenderId): { status: 'FAIL' | 'PENDING'; measured: string } {
  const c = contender(scale, id);
  if (!c) return { status: 'PENDING', measured: `${id} not run` };
  if (c.status === 'failed') return { status: 'FAIL', measured: `${id} FAILED${c.reason ? `: ${c.reason}` : ''}` };
  return { status: 'PENDING', measured: `${id} ${c.status}${c.reason ? ` (${c.reason})` : ''}` };
}

/** A reference that is absent or broken leaves catdb's target unchecked, never failed. */
function referenceMissing(scale: ScaleResult, id: ContenderId): { status: 'PENDING'; measured: string } {
  const c = contender(scale, id);
  return { status: 'PENDING', measured: `reference ${id} ${c ? c.status : 'not run'}` };
}

function ratioTarget(
  scale: ScaleResult,
  id: string,
  description: string,
  side: ContenderId,
  reference: ContenderId,
  value: number | undefined,
  bound: { max: number } | { min: number },
  format: (v: number) => string,
): TargetCheck {
  const base = { id, description, scale: scale.scale };
  if (!okSummary(scale, side)) return { ...base, ...missing(scale, side) };
  if (!okSummary(scale, reference)) return { ...base, ...referenceMissing(scale, reference) };
  if (value === undefined) return { ...base, status: 'PENDING', measured: 'no ratio' };
  const limit = 'max' in bound ? bound.max : bound.min;
  const ok = 'max' in bound ? value <= limit + EPSILON : value >= limit - EPSILON;
  // A miss that rounds onto the bound shows more digits, so a FAIL never reads as the limit itself.
  const measured = !ok && format(value) === format(limit) ? `${format(value)} (${value.toPrecision(6)})` : format(value);
  return { ...base, status: ok ? 'PASS' : 'FAIL', measured };
}

/**
 * Checks the issue's targets against one benchmark run. Pure. Each speed target is
 * checked per scale; memory is checked per scale for both catdb contenders, and for
 * flatness between the smallest and largest scale when more than one ran.
 * A target whose catdb side failed is FAIL; one whose catdb side did not run is PENDING;
 * the pgloader target is SKIP when pgloader is not installed or was skipped.
 */
export function computeBenchTargets(scales: readonly ScaleResult[], ratios: readonly ScaleRatios[]): TargetCheck[] {
  const t = BENCH_TARGETS;
  const checks: TargetCheck[] = [];
  for (const scale of scales) {
    const r = ratios.find((x) => x.scale === scale.scale) ?? { scale: scale.scale };
    checks.push(
      ratioTarget(scale, 'vs-copy-seq', `catdb (no verify) ≤ ${t.maxVsCopySeq.toFixed(2)}× sequential \\copy + post-load`, 'catdb', 'copy-seq', r.catdbVsCopySeq, { max: t.maxVsCopySeq }, fmtX),
      ratioTarget(scale, 'vs-copy-par', `catdb (no verify) ≤ ${t.maxVsCopyPar.toFixed(2)}× parallel \\copy + post-load`, 'catdb', 'copy-par', r.catdbVsCopyPar, { max: t.maxVsCopyPar }, fmtX),
      ratioTarget(scale, 'verify-overhead', `verify adds ≤ ${t.maxVerifyOverheadPct}%`, 'catdb-verify', 'catdb', r.verifyOverheadPct, { max: t.maxVerifyOverheadPct }, (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`),
    );

    const pglDesc = `catdb ≥ ${t.minPgloaderSpeedup}× faster than tuned pgloader`;
    const pgl = contender(scale, 'pgloader-tuned');
    if (!pgl || pgl.status === 'not-installed' || pgl.status === 'skipped') {
      checks.push({ id: 'vs-pgloader-tuned', description: pglDesc, scale: scale.scale, status: 'SKIP', measured: `pgloader ${pgl ? pgl.status : 'not run'}` });
    } else if (pgl.status === 'failed' && okSummary(scale, 'catdb')) {
      checks.push({ id: 'vs-pgloader-tuned', description: pglDesc, scale: scale.scale, status: 'PASS', measured: `pgloader-tuned FAILED${pgl.reason ? `: ${pgl.reason}` : ''}` });
    } else {
      checks.push(ratioTarget(scale, 'vs-pgloader-tuned', pglDesc, 'catdb', 'pgloader-tuned', r.pgloaderTunedVsCatdb, { min: t.minPgloaderSpeedup }, fmtX));
    }

    for (const id of ['catdb', 'catdb-verify'] as const) {
      const s = okSummary(scale, id);
      const description = `peak RSS of ${id} ≤ ${t.maxRssMiB} MiB`;
      checks.push(
        s
          ? { id: `rss-${id}`, description, scale: scale.scale, status: s.peakRssMiB <= t.maxRssMiB ? 'PASS' : 'FAIL', measured: s.peakRssMiB > t.maxRssMiB && Math.round(s.peakRssMiB) <= t.maxRssMiB ? `${s.peakRssMiB.toFixed(1)} MiB` : fmtMiB(s.peakRssMiB) }
          : { id: `rss-${id}`, description, scale: scale.scale, ...missing(scale, id) },
      );
    }
  }

  if (scales.length > 1) {
    const first = scales[0]!;
    const last = scales[scales.length - 1]!;
    for (const id of ['catdb', 'catdb-verify'] as const) {
      const description = `peak RSS of ${id} at ${last.scale}× within ${t.maxRssGrowthPct}% of ${first.scale}×`;
      const a = okSummary(first, id);
      const b = okSummary(last, id);
      if (!a) checks.push({ id: `rss-flat-${id}`, description, ...missing(first, id) });
      else if (!b) checks.push({ id: `rss-flat-${id}`, description, ...missing(last, id) });
      else {
        const growth = ((b.peakRssMiB - a.peakRssMiB) / a.peakRssMiB) * 100;
        checks.push({
          id: `rss-flat-${id}`,
          description,
          status: growth <= t.maxRssGrowthPct + EPSILON ? 'PASS' : 'FAIL',
          measured: `${fmtMiB(a.peakRssMiB)} → ${fmtMiB(b.peakRssMiB)} (${growth >= 0 ? '+' : ''}${growth.toFixed(growth > t.maxRssGrowthPct + EPSILON && round(growth, 1) <= t.maxRssGrowthPct ? 3 : 1)}%)`,
        });
      }
    }
  }
  return checks;
}

/**
 * Exit status for a finished run: 1 when a target failed or catdb or a `\copy` reference
 * failed, else 0. A pgloader crash is a finding about pgloader (default options run out of
 * heap on this database), reported in the page, not a failure of the run.
 */
export function benchExitCode(scales: readonly ScaleResult[], targets: readonly TargetCheck[]): number {
  const contenderFailed = scales.some((s) => s.contenders.some((c) => c.status === 'failed' && !c.id.startsWith('pgloader')));
  return contenderFailed || targets.some((t) => t.status === 'FAIL') ? 1 : 0;
}
