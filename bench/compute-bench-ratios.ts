import type { ContenderId, ContenderSummary, ScaleRatios, ScaleResult } from './bench-types.js';

/** The summary of a contender that ran successfully at this scale, else undefined. */
export function okSummary(scale: ScaleResult, id: ContenderId): ContenderSummary | undefined {
  const c = scale.contenders.find((x) => x.id === id);
  return c?.status === 'ok' ? c.summary : undefined;
}

/**
 * Wall-time ratios between contenders at one scale (all from the same run of the
 * benchmark, so the machine state is as comparable as it gets). A ratio is left out
 * when either side did not run successfully.
 */
export function computeBenchRatios(scale: ScaleResult): ScaleRatios {
  const catdb = okSummary(scale, 'catdb');
  const verify = okSummary(scale, 'catdb-verify');
  const seq = okSummary(scale, 'copy-seq');
  const par = okSummary(scale, 'copy-par');
  const pglTuned = okSummary(scale, 'pgloader-tuned');
  const ratios: ScaleRatios = { scale: scale.scale };
  if (catdb && seq) ratios.catdbVsCopySeq = catdb.wallS / seq.wallS;
  if (catdb && par) ratios.catdbVsCopyPar = catdb.wallS / par.wallS;
  if (catdb && verify) ratios.verifyOverheadPct = ((verify.wallS - catdb.wallS) / catdb.wallS) * 100;
  if (catdb && pglTuned) ratios.pgloaderTunedVsCatdb = pglTuned.wallS / catdb.wallS;
  const baseline = okSummary(scale, 'baseline');
  const baselineVerify = okSummary(scale, 'baseline-verify');
  if (catdb && baseline) ratios.catdbVsBaseline = catdb.wallS / baseline.wallS;
  if (verify && baselineVerify) ratios.verifyVsBaseline = verify.wallS / baselineVerify.wallS;
  return ratios;
}
