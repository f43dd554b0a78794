/** The follower's measured speed, kept across rounds for the cutover's estimate. */
export interface ApplyRate {
  /** Log entries per second of round time, over rounds big enough to measure. */
  changesPerSecond: number;
  /** The shortest round seen, in ms: the fixed cost of one more round. */
  roundMs: number;
  /** Whether any round was big enough to measure (until then the figures are guesses). */
  measured: boolean;
}

/** A guess until rounds are measured: 2,000 entries per second, 50 ms a round. */
export function newApplyRate(): ApplyRate {
  return { changesPerSecond: 2000, roundMs: 50, measured: false };
}

/** Folds one round in: speed from rounds of 100 entries or more (smoothed), fixed cost from the smallest. */
export function updateRate(rate: ApplyRate, round: { entries: number; ms: number }): void {
  if (round.entries >= 100 && round.ms > 0) {
    const r = round.entries / (round.ms / 1000);
    rate.changesPerSecond = Math.round(rate.measured ? 0.7 * rate.changesPerSecond + 0.3 * r : r);
    rate.measured = true;
  }
  if (round.entries > 0) rate.roundMs = Math.min(rate.roundMs, round.ms);
}
