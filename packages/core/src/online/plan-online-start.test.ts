import { describe, expect, it } from 'vitest';
import { isCatdbError } from '../errors.js';
import type { OnlineRun } from './online-run.js';
import type { OnlineStatus } from './online-status.js';
import { planOnlineStart, type OnlineStartFacts } from './plan-online-start.js';
import type { CaptureState } from './read-capture.js';

const none: CaptureState = { objects: { triggers: [], tables: [] } };
const installed = (installId = 'i1', extra: Partial<CaptureState> = {}): CaptureState => ({
  objects: { triggers: ['_catdb_ins_000000000000'], tables: ['_catdb_changes', '_catdb_meta'] },
  installId,
  targetSchema: 'public',
  phase: 'capturing',
  tables: [{ name: 't', key: { kind: 'rowid' } }],
  fingerprint: 'f',
  ...extra,
});
const run = (status: OnlineStatus, installId = 'i1'): OnlineRun => ({
  runId: `run-${status}`,
  installId,
  sourcePath: '/app.db',
  schema: 'public',
  status,
  followPlan: null,
  appliedSeq: 0n,
  appliedChanges: 0,
  changedTables: [],
  applyRate: null,
  cutoverRequestedAt: null,
  cutover: null,
  startedAt: new Date('2026-01-01T00:00:00Z'),
  finishedAt: null,
});
const facts = (capture: CaptureState, r: OnlineRun | undefined, ifExists: 'error' | 'drop' = 'error'): OnlineStartFacts => ({ file: 'app.db', schema: 'public', capture, run: r, ifExists });

describe('planOnlineStart', () => {
  it.each([
    ['a fresh file and target', facts(none, undefined), { action: 'start' }],
    ['a target whose earlier run is done', facts(none, run('done', 'old')), { action: 'start' }],
    ['a crashed copy', facts(installed(), run('copying')), { action: 'copy', run: run('copying') }],
    ['an interrupted follower', facts(installed(), run('following')), { action: 'follow', run: run('following') }],
    ['a cutover that stopped before the fence', facts(installed(), run('cutting-over')), { action: 'follow', run: run('cutting-over') }],
    ['a cutover that fenced and stopped', facts(installed('i1', { phase: 'fenced' }), run('cutting-over')), { action: 'finish-cutover', run: run('cutting-over') }],
    ['a finished migration', facts(installed('i1', { phase: 'fenced' }), run('done')), { action: 'done', run: run('done') }],
    ['a run whose capture is gone, with --if-exists drop', facts(none, run('following'), 'drop'), { action: 'start', abandon: run('following') }],
    ['a run recorded just before a crash, with nothing installed or copied', { ...facts(none, run('copying')), copyStarted: false }, { action: 'start', abandon: run('copying') }],
  ])('%s', (_name, f, expected) => {
    expect(planOnlineStart(f)).toEqual(expected);
  });

  it.each([
    ['a run whose capture is gone', facts(none, run('following')), 'ONLINE_NO_RUN', /no change capture/],
    ['a copying run whose capture is gone after its copy began', { ...facts(none, run('copying')), copyStarted: true }, 'ONLINE_NO_RUN', /no change capture/],
    ['capture the target does not know', facts(installed(), undefined), 'ONLINE_CAPTURE_CONFLICT', /records no online migration/],
    ['capture of another run', facts(installed('i2'), run('following')), 'ONLINE_CAPTURE_CONFLICT', /is another one/],
    ['capture for another schema', facts(installed('i1', { targetSchema: 'other' }), run('following')), 'ONLINE_CAPTURE_CONFLICT', /schema other/],
    ['objects without readable bookkeeping', facts({ objects: { triggers: [], tables: ['_catdb_changes'] } }, undefined), 'ONLINE_CAPTURE_CONFLICT', /bookkeeping/],
    ['a run aborted in the target with capture left in the file', facts(installed(), run('aborted')), 'ONLINE_NO_RUN', /aborted/],
  ])('refuses %s', (_name, f, code, message) => {
    let caught: unknown;
    try {
      planOnlineStart(f);
    } catch (err) {
      caught = err;
    }
    expect(isCatdbError(caught, code as 'ONLINE_NO_RUN')).toBe(true);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain('app.db');
  });
});
