import { describe, expect, it } from 'vitest';
import { renderNagiosStatus } from './render-nagios-status.js';

// `label=value[UOM];[warn];[crit];[min];[max]`, as the plugin guidelines define it.
const PERF = /^('(?:[^']|'')+'|[^'= ]+)=(U|-?[0-9.]+(?:s|ms|us|%|B|KB|MB|TB|c)?)(;[@~0-9.:-]*){0,4}$/;

describe('renderNagiosStatus', () => {
  it('writes SERVICE STATE: text | perfdata', () => {
    const line = renderNagiosStatus('REPLICA', 'WARNING', 'r1 lagging', [
      { label: 'r1_replay_bytes', value: 20971520n, uom: 'B', warn: '16777216', crit: '67108864', min: 0 },
      { label: 'r1_replay_lag', value: 0.25, uom: 's', warn: '30', min: 0 },
      { label: 'clients', value: 3 },
    ]);
    expect(line).toBe('REPLICA WARNING: r1 lagging | r1_replay_bytes=20971520B;16777216;67108864;0 r1_replay_lag=0.25s;30;;0 clients=3');
    for (const d of line.split(' | ')[1]!.split(' ')) expect(d).toMatch(PERF);
  });

  it('writes U for a value that could not be determined and drops trailing empty fields', () => {
    expect(renderNagiosStatus('X', 'CRITICAL', 'down', [{ label: 'lag', value: null, uom: 's', warn: '30' }])).toBe('X CRITICAL: down | lag=U;30');
  });

  it('keeps hostile text and labels to one line with no extra perfdata', () => {
    const line = renderNagiosStatus('REPLICA', 'CRITICAL', "evil|x=1\nSECOND LINE\r\u0000", [{ label: "a b'c=d|e\nf", value: 1, uom: 'B' }]);
    expect(line.split('\n')).toHaveLength(1);
    expect(line.split('|')).toHaveLength(2);
    expect(line).toBe("REPLICA CRITICAL: evil/x=1 SECOND LINE | 'a b''c_d/e f'=1B");
    expect(line.split(' | ')[1]).toMatch(PERF);
  });

  it('never writes an exponent in a value', () => {
    expect(renderNagiosStatus('X', 'OK', 'ok', [{ label: 'v', value: 1e-7, uom: 's' }, { label: 'w', value: 2e21 }])).toBe('X OK: ok | v=0.0000001s w=2000000000000000000000');
  });

  it('cuts a very long text so that perfdata stays in the first 4 KB', () => {
    const line = renderNagiosStatus('X', 'OK', 'y'.repeat(10_000), [{ label: 'v', value: 1 }]);
    expect(line.length).toBeLessThan(4096);
    expect(line.endsWith('… | v=1')).toBe(true);
  });
});
