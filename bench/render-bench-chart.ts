import { CONTENDER_LABELS, type BenchResults, type ContenderId, type ContenderResult } from './bench-types.js';

/** Chart geometry, in SVG user units (px). */
const WIDTH = 800;
const LABEL_W = 290;
const BAR_W = 330;
const ROW_H = 24;
const BAR_H = 16;
const HEADER_H = 30;
const PAD = 12;

const COLORS: Record<'catdb' | 'copy' | 'pgloader' | 'baseline', { load: string; post: string }> = {
  catdb: { load: '#2563eb', post: '#93c5fd' },
  copy: { load: '#4b5563', post: '#9ca3af' },
  pgloader: { load: '#d97706', post: '#fcd34d' },
  baseline: { load: '#7c3aed', post: '#c4b5fd' },
};

function family(id: ContenderId): keyof typeof COLORS {
  return id.startsWith('catdb') ? 'catdb' : id.startsWith('copy') ? 'copy' : id.startsWith('baseline') ? 'baseline' : 'pgloader';
}

/** Text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const fmtS = (s: number): string => `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;

function statusText(c: ContenderResult): string {
  if (c.status === 'not-available' && c.id.startsWith('catdb')) return 'pending (CLI not available yet)';
  const words: Record<string, string> = { failed: 'FAILED', 'not-available': 'not available', 'not-installed': 'not installed', skipped: 'skipped' };
  return words[c.status] ?? c.status;
}

/**
 * Renders the wall times of one benchmark run as a horizontal bar chart (SVG text).
 * One group per scale; within a group the slowest contender spans the full bar width,
 * since contenders are compared within a scale only. The \copy reference's bar is split
 * into load and post-load. Contenders without a result show their status instead of a
 * bar. Pure and deterministic: the same results give the same bytes.
 */
export function renderBenchChart(results: BenchResults): string {
  const parts: string[] = [];
  let y = PAD;
  const title = `SQLite → PostgreSQL: wall time (median of ${results.options.runs} run${results.options.runs === 1 ? '' : 's'}) and peak RSS`;
  parts.push(`<text x="${PAD}" y="${y + 14}" class="title">${escapeXml(title)}</text>`);
  y += HEADER_H;

  if (results.scales.length === 0) {
    parts.push(`<text x="${PAD}" y="${y + 14}" class="label">no results</text>`);
    y += ROW_H;
  }
  for (const scale of results.scales) {
    const heading = `${scale.scale}× — ${scale.rows.toLocaleString('en-US')} media items, ${scale.totalRows.toLocaleString('en-US')} rows, ${(scale.sqliteBytes / 1024 / 1024).toFixed(0)} MiB`;
    parts.push(`<text x="${PAD}" y="${y + 14}" class="heading">${escapeXml(heading)}</text>`);
    y += ROW_H;
    const max = Math.max(0, ...scale.contenders.map((c) => (c.status === 'ok' && c.summary ? c.summary.wallS : 0)));
    for (const c of scale.contenders) {
      const ty = y + BAR_H - 3;
      parts.push(`<text x="${LABEL_W - 8}" y="${ty}" class="label" text-anchor="end">${escapeXml(CONTENDER_LABELS[c.id])}</text>`);
      if (c.status === 'ok' && c.summary && max > 0) {
        const s = c.summary;
        const colors = COLORS[family(c.id)];
        const total = (s.wallS / max) * BAR_W;
        const post = s.postloadS !== undefined ? (s.postloadS / s.wallS) * total : 0;
        const load = total - post;
        const attrs = `data-contender="${c.id}" data-scale="${scale.scale}"`;
        parts.push(`<rect class="bar" ${attrs} x="${LABEL_W}" y="${y}" width="${load.toFixed(1)}" height="${BAR_H}" fill="${colors.load}"/>`);
        if (post > 0) {
          parts.push(`<rect class="bar post" ${attrs} x="${(LABEL_W + load).toFixed(1)}" y="${y}" width="${post.toFixed(1)}" height="${BAR_H}" fill="${colors.post}"/>`);
        }
        const value = `${fmtS(s.wallS)} · ${Math.round(s.peakRssMiB)} MiB`;
        parts.push(`<text x="${(LABEL_W + total + 6).toFixed(1)}" y="${ty}" class="value">${escapeXml(value)}</text>`);
      } else {
        const cls = c.status === 'failed' ? 'status failed' : 'status';
        parts.push(`<text x="${LABEL_W}" y="${ty}" class="${cls}">${escapeXml(statusText(c))}</text>`);
      }
      y += ROW_H;
    }
    y += PAD;
  }

  const legendY = y + 4;
  parts.push(
    `<rect x="${LABEL_W}" y="${legendY}" width="12" height="12" fill="${COLORS.copy.load}"/>`,
    `<text x="${LABEL_W + 18}" y="${legendY + 10}" class="legend">load</text>`,
    `<rect x="${LABEL_W + 70}" y="${legendY}" width="12" height="12" fill="${COLORS.copy.post}"/>`,
    `<text x="${LABEL_W + 88}" y="${legendY + 10}" class="legend">keys, indexes, FKs, sequences (\\copy reference)</text>`,
  );
  y = legendY + 12 + PAD;

  const style =
    '<style>text{font-family:system-ui,-apple-system,Segoe UI,sans-serif;fill:#111827}' +
    '.title{font-size:15px;font-weight:600}.heading{font-size:13px;font-weight:600}' +
    '.label,.value,.status{font-size:12px}.legend{font-size:11px}.status{fill:#6b7280;font-style:italic}' +
    '.failed{fill:#b91c1c;font-weight:600;font-style:normal}</style>';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" role="img" aria-label="${escapeXml(title)}">\n` +
    `${style}\n<rect width="100%" height="100%" fill="#ffffff"/>\n` +
    parts.join('\n') +
    '\n</svg>\n'
  );
}
