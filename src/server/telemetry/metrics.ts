/**
 * A minimal Prometheus registry: labelled counters and gauges kept in Maps. The request path only
 * increments a number under a precomputed key; text exposition happens when /metrics is scraped.
 *
 * Label values often come from callers (a model name, a tag). Call sites map them to known values,
 * and the registry enforces the bound regardless: each label keeps at most `maxValuesPerLabel`
 * distinct values per metric, none longer than `maxLabelValueLength`; the rest count as `other`.
 */
type Labels = Readonly<Record<string, string>>;

interface Series {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, number>;
  /** Distinct values seen per label name, up to the cap. */
  seen: Map<string, Set<string>>;
}

/** The value a label takes once its set is full, or when the value is too long. */
export const otherLabelValue = 'other';

export interface MetricsOptions {
  /** Distinct values one label may take in one metric before further ones count as `other` (default 256). */
  maxValuesPerLabel?: number;
  /** Longest label value kept as is (default 200 characters). */
  maxLabelValueLength?: number;
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
const maxFormatted = 10_000;
const maxFormattedKeyLength = 1024;
function labelKey(labels: Labels): string {
  let raw = '';
  for (const name in labels) raw += `${name}\u0000${labels[name]}\u0001`;
  let key = formatted.get(raw);
  if (key === undefined) {
    key = formatLabels(labels);
    if (formatted.size < maxFormatted && raw.length <= maxFormattedKeyLength) formatted.set(raw, key);
  }
  return key;
}

export class Metrics {
  private readonly series = new Map<string, Series>();
  private readonly maxValues: number;
  private readonly maxLength: number;

  constructor(options: MetricsOptions = {}) {
    this.maxValues = options.maxValuesPerLabel ?? 256;
    this.maxLength = options.maxLabelValueLength ?? 200;
  }

  /** Declares a metric once; later declarations of the same name are no-ops. */
  define(name: string, type: Series['type'], help: string): void {
    if (!this.series.has(name)) this.series.set(name, { help, type, values: new Map(), seen: new Map() });
  }

  increment(name: string, labels: Labels = {}, by = 1): void {
    const series = this.require(name);
    const key = labelKey(this.bounded(series, labels));
    series.values.set(key, (series.values.get(key) ?? 0) + by);
  }

  set(name: string, labels: Labels, value: number): void {
    const series = this.require(name);
    series.values.set(labelKey(this.bounded(series, labels)), value);
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
      for (const [key, value] of series.values)
        lines.push(key === '' ? `${name} ${value}` : `${name}{${key}} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** `labels` itself when every value is admitted (no copy on the hot path), else a copy with `other` in place of the rest. */
  private bounded(series: Series, labels: Labels): Labels {
    let out: Record<string, string> | undefined;
    for (const name in labels) {
      const value = labels[name] as string;
      let seen = series.seen.get(name);
      if (!seen) series.seen.set(name, (seen = new Set()));
      if (seen.has(value)) continue;
      if (value.length <= this.maxLength && seen.size < this.maxValues) {
        seen.add(value);
        continue;
      }
      out ??= { ...labels };
      out[name] = otherLabelValue;
    }
    return out ?? labels;
  }

  private require(name: string): Series {
    const series = this.series.get(name);
    if (!series) throw new Error(`metric ${name} is not defined`);
    return series;
  }
}
