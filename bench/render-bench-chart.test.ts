import { describe, expect, it } from 'vitest';
import { contender, results, run, scale } from './bench-fixtures.js';
import { escapeXml, renderBenchChart } from './render-bench-chart.js';

function bars(svg: string): { id: string; scale: string; width: number; post: boolean }[] {
  return [...svg.matchAll(/<rect class="bar( post)?" data-contender="([^"]+)" data-scale="(\d+)" x="[^"]+" y="[^"]+" width="([^"]+)"/g)].map((m) => ({
    id: m[2]!,
    scale: m[3]!,
    width: Number(m[4]),
    post: m[1] !== undefined,
  }));
}

describe('escapeXml', () => {
  it.each([
    ['plain', 'plain'],
    ['a<b>&"c\'', 'a&lt;b&gt;&amp;&quot;c&apos;'],
  ])('%s', (input, expected) => expect(escapeXml(input)).toBe(expected));
});

describe('renderBenchChart', () => {
  it('scales bars to the slowest contender of each scale and splits the \\copy bar at post-load', () => {
    const svg = renderBenchChart(
      results([
        scale(1, [contender('copy-seq', [run(20, 50, { loadS: 12, postloadS: 8 })]), contender('catdb', 10)]),
        scale(4, [contender('copy-seq', [run(80, 50, { loadS: 48, postloadS: 32 })]), contender('catdb', 60)]),
      ]),
    );
    expect(bars(svg)).toEqual([
      { id: 'copy-seq', scale: '1', width: 198, post: false },
      { id: 'copy-seq', scale: '1', width: 132, post: true },
      { id: 'catdb', scale: '1', width: 165, post: false },
      { id: 'copy-seq', scale: '4', width: 198, post: false },
      { id: 'copy-seq', scale: '4', width: 132, post: true },
      { id: 'catdb', scale: '4', width: 247.5, post: false },
    ]);
    expect(svg).toContain('20.0 s · 50 MiB');
    expect(svg).toContain('1,000,000 media items');
  });

  it.each([
    ['not-available', 'pending \\(CLI not available yet\\)'],
    ['not-installed', 'not installed'],
    ['failed', 'FAILED'],
    ['skipped', 'skipped'],
  ] as const)('shows %s as text, without a bar', (status, text) => {
    const svg = renderBenchChart(results([scale(1, [contender('copy-seq', 20), contender('catdb', status)])]));
    expect(bars(svg).map((b) => b.id)).toEqual(['copy-seq']);
    expect(svg).toMatch(new RegExp(`class="status[^"]*">${text}</text>`));
  });

  it('escapes labels and is a single well-formed svg element', () => {
    const svg = renderBenchChart(results([scale(1, [contender('copy-seq', 20)])]));
    expect(svg).toContain('\\copy reference, sequential');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<svg/g)).toHaveLength(1);
    // Every opened text element is closed; no raw ampersands or angle brackets in content.
    expect(svg.match(/<text/g)?.length).toBe(svg.match(/<\/text>/g)?.length);
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('grows with the number of rows and renders an empty run', () => {
    const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)![1]);
    const one = renderBenchChart(results([scale(1, [contender('copy-seq', 20)])]));
    const two = renderBenchChart(results([scale(1, [contender('copy-seq', 20), contender('catdb', 10)])]));
    expect(height(two) - height(one)).toBe(24);
    expect(renderBenchChart(results([]))).toContain('no results');
  });

  it('is deterministic', () => {
    const r = results([scale(1, [contender('copy-seq', 20), contender('catdb', 10)])]);
    expect(renderBenchChart(r)).toBe(renderBenchChart(structuredClone(r)));
  });
});
