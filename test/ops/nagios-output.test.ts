import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReplicaLag, initReplica, type InitReplicaResult } from '@catdb/core/replica';
import { serverOsUser, stopStandbyServer } from '../support/core-internals.js';
import { poll } from '../support/poll.js';
import { runCli } from '../support/run-cli.js';
import { startTestPrimary, type TestPrimary } from '../support/test-primary.js';

// The Nagios plugin guidelines, checked line by line against a real primary and standby:
// exactly one line, `SERVICE STATE: text | perfdata`, the exit code of that state, perfdata
// `label=value[UOM];[warn];[crit];[min];[max]` with warn/crit as ranges.
const EXIT: Record<string, number> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };
const STATUS_LINE = /^REPLICA (OK|WARNING|CRITICAL|UNKNOWN): ([^|\n]+?)(?: \| ([^\n]+))?$/;
const RANGE = '@?(?:~|-?[0-9.]+)?:?(?:-?[0-9.]+)?';
const DATUM = new RegExp(`^('(?:[^']|'')+'|[^'= ]+)=(U|-?[0-9.]+(?:s|B)?)(?:;(${RANGE}))?(?:;(${RANGE}))?(?:;(-?[0-9.]*))?(?:;(-?[0-9.]*))?$`);

interface Datum {
  value: string;
  warn: string | undefined;
  crit: string | undefined;
  min: string | undefined;
}

function pluginOutput(run: { code: number | null; stdout: string }): { state: string; text: string; perf: Map<string, Datum> } {
  const lines = run.stdout.split('\n');
  expect(lines.at(-1), 'the line ends with a newline and nothing follows').toBe('');
  expect(lines).toHaveLength(2);
  const m = STATUS_LINE.exec(lines[0]!);
  expect(m, `status line: ${lines[0]}`).not.toBeNull();
  const [, state, text, perfdata] = m!;
  expect(run.code).toBe(EXIT[state!]);
  const perf = new Map<string, Datum>();
  for (const item of perfdata ? perfdata.split(' ') : []) {
    const d = DATUM.exec(item);
    expect(d, `perfdata: ${item}`).not.toBeNull();
    perf.set(d![1]!, { value: d![2]!, warn: d![3] || undefined, crit: d![4] || undefined, min: d![5] || undefined });
  }
  return { state: state!, text: text!, perf };
}

let primary: TestPrimary;
let standby: InitReplicaResult;

beforeAll(async () => {
  primary = await startTestPrimary('nagios');
  standby = await initReplica({ primaryUrl: primary.url, dataDir: join(primary.base, 'standby', 'data'), slot: 'nagios1', passwordFile: primary.passwordFile, start: true });
  await poll('the standby to catch up', async () => {
    const r = await checkReplicaLag({ primaryUrl: primary.url, replicaUrls: [standby.standbyUrl] });
    return r.standbys[0]?.bytesBehind === 0n && r.standbys[0]?.lagUs === 0 ? r : undefined;
  });
});

afterAll(async () => {
  if (standby) await stopStandbyServer(primary.server.binDir, standby.dataDir, serverOsUser()).catch(() => {});
  await primary?.cleanup();
});

const lag = (...args: string[]) => runCli(['replica', 'lag', '--primary', primary.url, '--replica', standby.standbyUrl, '--nagios', ...args]);

describe('replica lag --nagios', () => {
  it('OK: --warn 0s alerts above 0, so a caught-up standby is OK, not WARNING at "0 µs"', async () => {
    // Background WAL (checkpoints, autovacuum) can put the standby a moment behind: wait for a caught-up round.
    const out = await poll('a round with the standby caught up', async () => {
      const o = pluginOutput(await lag('--warn', '0s', '--crit', '1GB'));
      return o.perf.get('nagios1_replay_lag')?.value === '0s' && o.perf.get('nagios1_replay_bytes')?.value === '0B' ? o : undefined;
    });
    expect(out.state).toBe('OK');
    expect(out.text).toBe('nagios1: streaming, caught up');
    expect(out.perf.get('nagios1_replay_lag')).toEqual({ value: '0s', warn: '0', crit: undefined, min: '0' });
    expect(out.perf.get('nagios1_replay_bytes')).toEqual({ value: '0B', warn: undefined, crit: '1073741824', min: '0' });
    expect(out.perf.get('slot_nagios1_retained')?.value).toMatch(/^\d+B$/);
  });

  it('WARNING: an @-range alerts inside it, and perfdata carries the range', async () => {
    const out = pluginOutput(await lag('--warn', '@0:', '--crit', '1GB,5min'));
    expect(out.state).toBe('WARNING');
    // Whatever the standby is behind right now, every amount is inside 0..∞.
    expect(out.text).toMatch(/^nagios1: lagging: [\d.]+ (B|kB|MB) behind \(alert range inside 0 B–∞\)$/);
    expect(out.perf.get('nagios1_replay_bytes')).toMatchObject({ value: expect.stringMatching(/^\d+B$/), warn: '@0:', crit: '1073741824', min: '0' });
    expect(out.perf.get('nagios1_replay_lag')).toMatchObject({ value: expect.stringMatching(/^[\d.]+s$/), warn: undefined, crit: '300', min: '0' });
  });

  it('CRITICAL: the state is said once, a standby named with its own state only where it differs', async () => {
    const crit = pluginOutput(await lag('--warn', '@0:', '--crit', '@0s:'));
    expect(crit.state).toBe('CRITICAL');
    expect(crit.text).toMatch(/^nagios1: lagging: [\d.]+ (µs|ms|s) behind \(alert range inside 0 µs–∞\)$/);
    expect(crit.perf.get('nagios1_replay_lag')).toMatchObject({ value: expect.stringMatching(/^[\d.]+s$/), warn: undefined, crit: '@0:', min: '0' });

    await primary.query("select pg_create_physical_replication_slot('nagios_ghost')");
    try {
      const run = await lag('--warn', '@0:');
      const out = pluginOutput(run);
      expect(out.state).toBe('CRITICAL');
      expect(out.text).toMatch(/^nagios1: WARNING lagging: [\d.]+ (B|kB|MB) behind \(alert range inside 0 B–∞\), nagios_ghost: not streaming: no walsender on the primary; slot nagios_ghost inactive, retains /);
      expect(run.stdout.match(/CRITICAL/g)).toHaveLength(1);
      // What cannot be measured for the dead standby is U, not left out.
      expect(out.perf.get('nagios_ghost_replay_bytes')).toEqual({ value: 'U', warn: '@0:', crit: undefined, min: '0' });
      expect(out.perf.get('nagios_ghost_replay_lag')).toEqual({ value: 'U', warn: undefined, crit: undefined, min: '0' });
    } finally {
      await primary.query("select pg_drop_replication_slot('nagios_ghost')");
    }
  });

  it('UNKNOWN: a primary that cannot be read', async () => {
    const out = pluginOutput(await runCli(['replica', 'lag', '--primary', 'postgres://postgres@127.0.0.1:1/postgres', '--nagios']));
    expect(out.state).toBe('UNKNOWN');
    expect(out.text).toMatch(/^Could not connect to PostgreSQL \(postgres:\/\/postgres@127\.0\.0\.1:1\/postgres\): /);
    expect(out.perf.size).toBe(0);
  });

  it.each([
    ['no --primary and no other target', ['replica', 'lag', '--nagios'], /^No target database given \(--primary, DATABASE_URL, PGHOST\/PGDATABASE\)/],
    ['an unknown option', ['replica', 'lag', '--primary', 'postgres://x@127.0.0.1:1/x', '--nagios', '--bogus'], /^unknown option '--bogus'$/],
    ['an unreadable --warn', ['replica', 'lag', '--primary', 'postgres://x@127.0.0.1:1/x', '--nagios', '--warn', 'soon'], /^--warn: cannot read "soon"/],
    ['a range upside down', ['replica', 'lag', '--primary', 'postgres://x@127.0.0.1:1/x', '--nagios', '--crit', '2MB:1MB'], /^--crit: cannot read "2MB:1MB" .*above its end/],
    ['an unreadable --timeout', ['replica', 'lag', '--primary', 'postgres://x@127.0.0.1:1/x', '--nagios', '--timeout', 'later'], /^--timeout: "later" is not a positive duration$/],
  ])('usage error (%s): one UNKNOWN line on stdout and exit 3; without --nagios exit 2 and nothing on stdout', async (_name, args, message) => {
    const run = await runCli(args);
    const out = pluginOutput(run);
    expect(out.state).toBe('UNKNOWN');
    expect(out.text).toMatch(message);
    const plain = await runCli(args.filter((a) => a !== '--nagios'));
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toMatch(/error/);
  });

  it('usage error (two output formats): --nagios still wins stdout, with one UNKNOWN line', async () => {
    const out = pluginOutput(await runCli(['replica', 'lag', '--primary', 'postgres://x@127.0.0.1:1/x', '--json', '--nagios']));
    expect(out.state).toBe('UNKNOWN');
    expect(out.text).toBe('Choose one of --json, --prometheus, --nagios');
    const plain = await runCli(['replica', 'lag', '--primary', 'postgres://x@127.0.0.1:1/x', '--json', '--prometheus']);
    expect(plain.code).toBe(2);
    expect(JSON.parse(plain.stdout)).toMatchObject({ type: 'error', code: 'USAGE_INVALID_OPTION' });
  });
});

describe('pgbouncer check --nagios', () => {
  it('answers a usage error with one UNKNOWN line and exit 3 as well', async () => {
    const run = await runCli(['pgbouncer', 'check', '--nagios']);
    expect(run.stdout).toBe('PGBOUNCER UNKNOWN: No PgBouncer to check: pass --dir or --admin-url (a check never starts one)\n');
    expect(run.code).toBe(3);
    const plain = await runCli(['pgbouncer', 'check', '--maxwait-warning', 'soon']);
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe('');
  });
});
