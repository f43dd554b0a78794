import { CatdbError } from '../errors.js';

/** What follow needs to know to decide between repointing a standby and rewinding it first. */
export interface FollowFacts {
  /** Timeline the standby last replayed on (pg_control_checkpoint().timeline_id). */
  standbyTimeline: number;
  /** pg_last_wal_replay_lsn() of the standby. */
  standbyReplayLsn: string;
  /** Timeline the new primary writes on. */
  primaryTimeline: number;
  /** The new primary's `<timeline>.history` file (empty for timeline 1). */
  history: string;
  walLogHints: boolean;
  dataChecksums: boolean;
}

export interface FollowPlan {
  rewind: boolean;
  /** Why, in words for the operator. */
  reason: string;
}

/** An LSN (`16/B374D848`) as a number, to compare. */
export function lsnToBigInt(lsn: string): bigint {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn.trim());
  if (!m) throw new CatdbError('REPLICA_CONFIG', `"${lsn}" is not an LSN`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

/** `<tli>\t<switchpoint>\t<reason>` lines of a timeline history file → timeline → switch point. */
export function parseTimelineHistory(text: string): Map<number, string> {
  const points = new Map<number, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+([0-9A-Fa-f]+\/[0-9A-Fa-f]+)/.exec(line);
    if (m) points.set(Number(m[1]), m[2]!);
  }
  return points;
}

/**
 * A standby can simply follow the new primary when it is on the primary's timeline, or on an
 * ancestor of it and has not replayed past the point where that timeline was left; otherwise
 * its history forked and pg_rewind must take it back first, which needs wal_log_hints or data
 * checksums. Pure. Errors: REPLICA_REWIND_IMPOSSIBLE (nothing was changed).
 */
export function planFollow(facts: FollowFacts): FollowPlan {
  if (facts.standbyTimeline === facts.primaryTimeline) return { rewind: false, reason: `already on timeline ${facts.primaryTimeline}` };
  const switchPoint = facts.standbyTimeline < facts.primaryTimeline ? parseTimelineHistory(facts.history).get(facts.standbyTimeline) : undefined;
  if (switchPoint !== undefined && lsnToBigInt(facts.standbyReplayLsn) <= lsnToBigInt(switchPoint)) {
    return { rewind: false, reason: `replayed up to ${facts.standbyReplayLsn}, not past ${switchPoint} where timeline ${facts.standbyTimeline} was left: it follows without a rewind` };
  }
  const reason =
    switchPoint === undefined
      ? `timeline ${facts.standbyTimeline} is not in the new primary's history (timeline ${facts.primaryTimeline})`
      : `replayed up to ${facts.standbyReplayLsn}, past ${switchPoint} where the new primary left timeline ${facts.standbyTimeline}`;
  if (!facts.walLogHints && !facts.dataChecksums) {
    throw new CatdbError('REPLICA_REWIND_IMPOSSIBLE', `The standby's history forked from the new primary's (${reason}), and pg_rewind needs wal_log_hints = on or data checksums, which are both off`, {
      hint: 'Rebuild this standby (catdb replica remove, then catdb replica init against the new primary); set wal_log_hints = on on every server so that the next failover can rewind. Nothing was changed.',
      details: { ...facts, history: undefined },
    });
  }
  return { rewind: true, reason: `${reason}: pg_rewind first` };
}
