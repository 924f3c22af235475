/**
 * Personal data in JSON values replaced by its class (`[EMAIL]`), with the existing detectors: for tool results
 * (screening) and for argument values shown to policies and written to the audit trail.
 */
import { findPii, placeholderLabel, type DataClass } from '../../governance/pii/index.js';

export interface Redaction<T> {
  value: T;
  /** Spans found, by class (counts only). */
  found: Partial<Record<DataClass, number>>;
  redacted: boolean;
}

/** Which classes to replace: every class found when absent. */
export type RedactClass = (dataClass: DataClass) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** One text with the spans of the classes `redact` selects replaced. */
export function redactText(text: string, found: Partial<Record<DataClass, number>>, redact?: RedactClass): string {
  const spans = findPii(text);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of spans) {
    found[span.dataClass] = (found[span.dataClass] ?? 0) + 1;
    if (redact && !redact(span.dataClass)) continue;
    out += `${text.slice(at, span.start)}[${placeholderLabel(span.dataClass)}]`;
    at = span.end;
  }
  return out + text.slice(at);
}

/** Every string in a JSON value (keys kept), redacted; depth is bounded by the JSON it came from. */
export function redactJson<T>(value: T, redact?: RedactClass): Redaction<T> {
  const found: Partial<Record<DataClass, number>> = {};
  let redacted = false;
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const next = redactText(node, found, redact);
      if (next !== node) redacted = true;
      return next;
    }
    if (Array.isArray(node)) return node.map(visit);
    if (isRecord(node)) return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, visit(item)]));
    return node;
  };
  const next = visit(value) as T;
  return { value: next, found, redacted };
}
