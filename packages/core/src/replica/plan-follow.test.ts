import { describe, expect, it } from 'vitest';
import { lsnToBigInt, parseTimelineHistory, planFollow, type FollowFacts } from './plan-follow.js';

const facts: FollowFacts = {
  standbyTimeline: 1,
  standbyReplayLsn: '0/3000148',
  primaryTimeline: 2,
  history: '1\t0/3000148\tno recovery target specified\n',
  walLogHints: false,
  dataChecksums: false,
};

describe('planFollow', () => {
  it('repoints a standby that stopped at or before the switch point', () => {
    expect(planFollow(facts)).toMatchObject({ rewind: false });
    expect(planFollow({ ...facts, standbyReplayLsn: '0/2FFFFFF' })).toMatchObject({ rewind: false });
  });

  it('repoints a standby already on the new timeline', () => {
    expect(planFollow({ ...facts, standbyTimeline: 2, standbyReplayLsn: 'F/0' }).rewind).toBe(false);
  });

  it('rewinds a standby that replayed past the switch point when wal_log_hints or checksums allow', () => {
    expect(planFollow({ ...facts, standbyReplayLsn: '0/3000149', walLogHints: true })).toMatchObject({ rewind: true, reason: expect.stringMatching(/past 0\/3000148/) });
    expect(planFollow({ ...facts, standbyReplayLsn: '0/3000149', dataChecksums: true }).rewind).toBe(true);
  });

  it('refuses, naming both settings, when neither is on', () => {
    expect(() => planFollow({ ...facts, standbyReplayLsn: '0/4000000' })).toThrow(expect.objectContaining({ code: 'REPLICA_REWIND_IMPOSSIBLE', message: expect.stringMatching(/wal_log_hints = on or data checksums/) }));
  });

  it('treats a timeline missing from the history as forked', () => {
    expect(planFollow({ ...facts, standbyTimeline: 3, primaryTimeline: 4, history: facts.history, walLogHints: true })).toMatchObject({ rewind: true, reason: expect.stringMatching(/timeline 3 is not in/) });
  });
});

describe('LSNs and history files', () => {
  it('compares LSNs by both halves', () => {
    expect(lsnToBigInt('1/0') > lsnToBigInt('0/FFFFFFFF')).toBe(true);
    expect(lsnToBigInt('16/B374D848')).toBe(0x16b374d848n);
    expect(() => lsnToBigInt('0/3;')).toThrow(/not an LSN/);
  });

  it('reads every timeline of a history file, skipping comments', () => {
    expect([...parseTimelineHistory('# c\n1\t0/3000148\treason\n2\t0/5000000\tx\n')]).toEqual([
      [1, '0/3000148'],
      [2, '0/5000000'],
    ]);
  });
});
