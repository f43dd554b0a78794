import { describe, expect, it } from 'vitest';
import { planPromote, type PromoteFacts } from './plan-promote.js';

const standby: PromoteFacts = { inRecovery: true, receiverStatus: 'streaming', receivedLsn: '0/3000000', replayLsn: '0/3000000', bytesNotReplayed: 0n, replayLagMs: 0 };
const opts = { maxLagMs: 10_000, force: false };

describe('planPromote', () => {
  it('accepts a caught-up streaming standby', () => {
    const plan = planPromote(standby, opts);
    expect(plan.ok).toBe(true);
    expect(plan.checks.map((c) => [c.name, c.ok])).toEqual([['in recovery', true], ['streaming standby', true], ['lag', true]]);
    expect(plan.lagBasis).toMatch(/still streams/);
  });

  it('accepts a standby whose primary is gone and says what the lag can and cannot see', () => {
    const plan = planPromote({ ...standby, receiverStatus: null }, opts);
    expect(plan.ok).toBe(true);
    expect(plan.checks[1]!.detail).toMatch(/WAL receiver is not running/);
    expect(plan.lagBasis).toMatch(/cannot be measured/);
  });

  it('refuses a primary and a server that never streamed', () => {
    expect(planPromote({ ...standby, inRecovery: false, receivedLsn: null, receiverStatus: null }, opts)).toMatchObject({ ok: false });
    const never = planPromote({ ...standby, receivedLsn: null, receiverStatus: null }, opts);
    expect(never.ok).toBe(false);
    expect(never.checks.find((c) => !c.ok)!.detail).toMatch(/never received WAL/);
  });

  it.each([
    [9_999, true],
    [10_000, true],
    [10_001, false],
  ])('with %i ms of replay lag against a 10 s limit: ok=%s', (lagMs, ok) => {
    expect(planPromote({ ...standby, bytesNotReplayed: 100n, replayLagMs: lagMs }, opts).ok).toBe(ok);
  });

  it('refuses an unknown lag over unreplayed WAL, unless --force', () => {
    const facts = { ...standby, bytesNotReplayed: 8192n, replayLagMs: null };
    expect(planPromote(facts, opts).ok).toBe(false);
    const forced = planPromote(facts, { ...opts, force: true });
    expect(forced.ok).toBe(true);
    expect(forced.checks[2]!.detail).toMatch(/8192 bytes not replayed, over the limit of 10 s — accepted with --force/);
  });

  it('--force does not promote a server that is not a standby', () => {
    expect(planPromote({ ...standby, inRecovery: false }, { ...opts, force: true }).ok).toBe(false);
  });
});
