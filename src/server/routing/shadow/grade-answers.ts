/**
 * Rule graders: the reference's answer is the ground truth, so the reference scores 1 and the served
 * answer 1 when it matches, else 0. An answer the rule cannot read on the reference's side (no JSON, no
 * number) leaves the pair ungraded: there is no truth to compare with, and counting it as a loss would
 * blame the router for the reference's format.
 */
import { canonicalJson, tryCanonicalJson, type ChatResult } from '../../../contract/index.js';
import { answerText, maxJsonDepth, pathBeyondDepth } from '../../gateway/index.js';
import { lastNumber, sameNumber } from '../online/last-number.js';

/** The outcome of grading one pair: scores, or why there are none. */
export type Grade = { graded: true; served: number; reference: number } | { graded: false; reason: string };

export type RuleGrader = 'exact' | 'json' | 'numeric';

const match = (same: boolean): Grade => ({ graded: true, served: same ? 1 : 0, reference: 1 });

/** Text equality once trimmed, whitespace collapsed and case folded. */
export function gradeExact(served: string, reference: string): Grade {
  return match(normalise(served) === normalise(reference));
}

/** Equal JSON values: object key order does not matter, array order does. A code fence around the JSON is allowed. */
export function gradeJson(served: string, reference: string): Grade {
  // A value JSON cannot carry (`1e999` parses to Infinity) is read as no JSON, on either side.
  const expected = tryCanonicalJson(parseJson(reference));
  if (expected === undefined) return { graded: false, reason: 'the reference answer is not JSON' };
  return match(tryCanonicalJson(parseJson(served)) === expected);
}

/** The last number of each answer, equal within 1e-6 relative (thousands separators allowed), read as the cascade reads it. */
export function gradeNumeric(served: string, reference: string): Grade {
  const expected = lastNumber(reference);
  if (expected === undefined) return { graded: false, reason: 'the reference answer has no number' };
  const actual = lastNumber(served);
  return match(actual !== undefined && sameNumber(actual, expected));
}

/** Grades with the named rule. */
export function gradeByRule(input: { grader: RuleGrader; served: string; reference: string }): Grade {
  if (input.grader === 'json') return gradeJson(input.served, input.reference);
  if (input.grader === 'numeric') return gradeNumeric(input.served, input.reference);
  return gradeExact(input.served, input.reference);
}

/**
 * What is compared: the answer's text, then its tool calls (name and arguments, ids left out) as JSON,
 * so two answers that call the same tool the same way are equal and an answer of tool calls is not empty.
 */
export function gradingText(result: ChatResult): string {
  const text = answerText(result);
  const tools = result.content.flatMap((part) =>
    part.type === 'tool-call' ? [{ name: part.name, arguments: comparableArguments(part.arguments) }] : [],
  );
  if (tools.length === 0) return text;
  const calls = canonicalJson(tools);
  return text.length === 0 ? calls : `${text}\n${calls}`;
}

const normalise = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** Tool-call arguments as parsed JSON, or their text when they are not JSON (or hold a value JSON cannot carry). */
function comparableArguments(text: string): unknown {
  const parsed = parseJson(text);
  return parsed !== undefined && tryCanonicalJson(parsed) !== undefined ? parsed : text;
}

/** Parses JSON text, also inside one Markdown code fence; undefined when it is not JSON (or nested past the request bound). */
export function parseJson(text: string): unknown {
  const fenced = /^```[a-z]*\s*\n([\s\S]*?)\n?```$/i.exec(text.trim());
  const json = fenced?.[1] ?? text;
  // A model's answer is as untrusted as a request: canonical JSON recurses, so nesting is bounded first (as the cascade does).
  if (pathBeyondDepth(Buffer.from(json), maxJsonDepth) !== undefined) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
