/**
 * A minimal Prometheus registry: labelled counters and gauges kept in Maps. The request path only
 * increments a number under a precomputed key; text exposition happens when /metrics is scraped.
 */
type Labels = Readonly<Record<string, string>>;

interface Series {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, number>;
}

const escapeLabel = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const formatLabels = (labels: Labels): string =>
  Object.entries(labels)
    .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
    .join(',');

/**
 * Formatted label sets, keyed by their raw values: a request's increment costs one short
 * concatenation and a Map lookup instead of escaping and joining every time.
 */
const formatted = new Map<string, string>();
const maxFormatted = 100_000;
function labelKey(labels: Labels): string {
  let raw = '';
  for (const name in labels) raw += `${name}\u0000${labels[name]}\u0001`;
  let key = formatted.get(raw);
  if (key === undefined) {
    key = formatLabels(labels);
    if (formatted.size < maxFormatted) formatted.set(raw, key);
  }
  return key;
}

export class Metrics {
  private readonly series = new Map<string, Series>();

  /** Declares a metric once; later declarations of the same name are no-ops. */
  define(name: string, type: Series['type'], help: string): void {
    if (!this.series.has(name)) this.series.set(name, { help, type, values: new Map() });
  }

  increment(name: string, labels: Labels = {}, by = 1): void {
    const series = this.require(name);
    const key = labelKey(labels);
    series.values.set(key, (series.values.get(key) ?? 0) + by);
  }

  set(name: string, labels: Labels, value: number): void {
    this.require(name).values.set(labelKey(labels), value);
  }

  /** The current value of one series (tests and the console read it). */
  value(name: string, labels: Labels = {}): number {
    return this.series.get(name)?.values.get(labelKey(labels)) ?? 0;
  }

  /** Prometheus text exposition format 0.0.4. */
  render(): string {
    const lines: string[] = [];
    for (const [name, series] of this.series) {
      lines.push(`# HELP ${name} ${series.help}`, `# TYPE ${name} ${series.type}`);
      for (const [key, value] of series.values) lines.push(key === '' ? `${name} ${value}` : `${name}{${key}} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private require(name: string): Series {
    const series = this.series.get(name);
    if (!series) throw new Error(`metric ${name} is not defined`);
    return series;
  }
}
