import type { TargetCheck } from './bench-types.js';
import type { OnlineBenchResult } from './online-bench-types.js';

/** The targets for online migration. */
export const ONLINE_TARGETS = { followerChangesPerS: 2000, pauseMs: 2000 } as const;

/**
 * The online targets against one measurement: the follower keeps up with at least 2,000
 * changes/s (its catching-up speed after the snapshot), and the write pause at cutover is at
 * most 2 s. Pure.
 */
export function computeOnlineTargets(r: OnlineBenchResult | undefined): TargetCheck[] {
  const follower = `online: follower keeps up with ≥ ${ONLINE_TARGETS.followerChangesPerS.toLocaleString('en-US')} changes/s`;
  const pause = `online: write pause at cutover ≤ ${ONLINE_TARGETS.pauseMs / 1000} s`;
  if (!r) return [follower, pause].map((description, i) => ({ id: `online-${i}`, description, status: 'SKIP' as const, measured: 'not run (--skip-online)' }));
  if (r.status !== 'ok') return [follower, pause].map((description, i) => ({ id: `online-${i}`, description, status: 'FAIL' as const, measured: `failed: ${r.error ?? 'unknown'}` }));
  return [
    {
      id: 'online-follower',
      description: follower,
      status: r.catchUpChangesPerS >= ONLINE_TARGETS.followerChangesPerS ? 'PASS' : 'FAIL',
      measured: `${Math.round(r.catchUpChangesPerS).toLocaleString('en-US')} changes/s catching up ${r.backlogChanges.toLocaleString('en-US')} in ${r.catchUpS.toFixed(1)} s`,
    },
    {
      id: 'online-pause',
      description: pause,
      status: r.pauseMs <= ONLINE_TARGETS.pauseMs ? 'PASS' : 'FAIL',
      measured: `${r.pauseMs} ms (the writer's longest write meanwhile ${Math.round(r.writerMaxBlockedMs)} ms)`,
    },
  ];
}
