/**
 * Counts what one direction of a call found, then records it once: on the call (the ledger and,
 * later, policies read `call.findings`) and in the metric. Counts and classes only, never values.
 */
import type { DataFinding, GatewayCall } from '../../gateway/index.js';
import type { Metrics } from '../../telemetry/index.js';
import type { DataClass } from './data-class.js';
import { piiFindingsMetric } from './pii-metrics.js';

type FindingAction = DataFinding['action'];

export class FindingTally {
  private readonly counts = new Map<string, { dataClass: DataClass; action: FindingAction; count: number }>();

  constructor(private readonly direction: DataFinding['direction']) {}

  add(dataClass: DataClass, action: FindingAction, count = 1): void {
    const key = `${dataClass}\u0000${action}`;
    const entry = this.counts.get(key);
    if (entry) entry.count += count;
    else this.counts.set(key, { dataClass, action, count });
  }

  get empty(): boolean {
    return this.counts.size === 0;
  }

  /** Appends the findings to the call (merging with earlier ones of the same kind) and counts them; resets. */
  record(call: GatewayCall, metrics: Metrics): void {
    for (const { dataClass, action, count } of this.counts.values()) {
      const existing = call.findings.find(
        (finding) =>
          finding.dataClass === dataClass && finding.direction === this.direction && finding.action === action,
      );
      if (existing) existing.count += count;
      else call.findings.push({ dataClass, direction: this.direction, count, action });
      metrics.increment(piiFindingsMetric, { class: dataClass, direction: this.direction, action }, count);
    }
    this.counts.clear();
  }

  /** "2 email, 1 phone" for a warning. */
  summary(action: FindingAction): string {
    return [...this.counts.values()]
      .filter((entry) => entry.action === action)
      .map((entry) => `${entry.count} ${entry.dataClass}`)
      .join(', ');
  }
}
