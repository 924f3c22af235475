/**
 * Runs every detector over a text and settles overlaps, so each character belongs to at most one
 * finding. The common case — text with no digit and no `@` — costs one regular-expression test.
 */
import type { DataClass } from './data-class.js';
import { detectCards } from './detect-cards.js';
import { detectEmails } from './detect-email.js';
import { detectIbans } from './detect-ibans.js';
import { detectNationalIds } from './detect-national-ids.js';
import { detectPhones } from './detect-phones.js';
import type { Detector, PiiSpan } from './pii-span.js';

/** Every detector needs a digit or an `@` somewhere: the cheap gate before the real work. */
const mayContainPii = /[0-9@]/;
/** Digit-based detectors need at least this many digits in a row (with separators) to match anything. */
const digitRun = /\d[\d \-.()]{4,}\d/;

const digitDetectors: readonly Detector[] = [detectCards, detectIbans, detectNationalIds, detectPhones];

/**
 * When spans overlap, the one with a checksum wins over the one with only a shape (a card or IBAN
 * over a phone), then the longer, then the earlier: a deterministic order whatever the detectors
 * return.
 */
const confidence: Readonly<Record<DataClass, number>> = { card: 4, iban: 4, 'national-id': 3, email: 2, phone: 1 };

/** Non-overlapping spans of personal data in `text`, in order of appearance. */
export function findPii(text: string): PiiSpan[] {
  if (!mayContainPii.test(text)) return [];
  const found: PiiSpan[] = text.includes('@') ? detectEmails(text) : [];
  if (digitRun.test(text)) for (const detect of digitDetectors) found.push(...detect(text));
  return resolveOverlaps(found);
}

/** Keeps the most trusted of overlapping spans (see `confidence`), sorted by position. */
export function resolveOverlaps(spans: readonly PiiSpan[]): PiiSpan[] {
  if (spans.length < 2) return [...spans];
  const ranked = [...spans].sort(
    (left, right) =>
      confidence[right.dataClass] - confidence[left.dataClass] ||
      right.end - right.start - (left.end - left.start) ||
      left.start - right.start ||
      left.detector.localeCompare(right.detector),
  );
  const kept: PiiSpan[] = [];
  for (const span of ranked)
    if (kept.every((other) => span.end <= other.start || span.start >= other.end)) kept.push(span);
  return kept.sort((left, right) => left.start - right.start);
}
