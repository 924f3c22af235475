/** What a detector reports: where a value is, never the value itself. */
import type { DataClass } from './data-class.js';

export interface PiiSpan {
  /** UTF-16 offsets into the scanned text, `[start, end)`. */
  start: number;
  end: number;
  dataClass: DataClass;
  /** Which detector found it (`us-ssn`, `fr-nir`, …): for tests and docs, not recorded. */
  detector: string;
}

/** A pure function from text to spans, in order of appearance; it may return overlapping spans. */
export type Detector = (text: string) => PiiSpan[];
