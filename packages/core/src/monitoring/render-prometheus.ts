/** One metric family of the Prometheus text format: a gauge and its samples (labels, value as written). */
export interface PrometheusFamily {
  name: string;
  help: string;
  samples: Array<[Record<string, string>, string]>;
}

const escapeLabel = (v: string): string => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
const labels = (l: Record<string, string>): string => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

/**
 * Gauges in the Prometheus text exposition format (version 0.0.4); families without samples
 * are left out, so a value that is unknown is absent rather than 0. Pure.
 */
export function renderPrometheus(families: readonly PrometheusFamily[]): string {
  return (
    families
      .filter((f) => f.samples.length > 0)
      .map((f) => [`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} gauge`, ...f.samples.map(([l, v]) => `${f.name}${labels(l)} ${v}`)].join('\n'))
      .join('\n') + '\n'
  );
}
