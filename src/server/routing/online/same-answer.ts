/**
 * Whether two answers say the same thing, for agreement and self-consistency checks: equal JSON when
 * both parse, else the same final choice letter ("answer is (B)") or final number when both state
 * one, else the same text once case and whitespace are normalised.
 */
import { tryCanonicalJson } from '../../../contract/index.js';
import { maxJsonDepth, pathBeyondDepth } from '../../gateway/index.js';
import { lastNumber, sameNumber } from './last-number.js';

/** What an answer finally states: a choice letter or a number. */
export type FinalAnswer = { kind: 'choice'; choice: string } | { kind: 'number'; value: number };

export function sameAnswer(first: string, second: string): boolean {
  const firstJson = canonicalAnswerJson(first);
  const secondJson = canonicalAnswerJson(second);
  if (firstJson !== undefined && secondJson !== undefined) return firstJson === secondJson;
  const firstFinal = finalAnswer(first);
  const secondFinal = finalAnswer(second);
  if (firstFinal !== undefined && secondFinal !== undefined) return sameFinalAnswer(firstFinal, secondFinal);
  return normalise(first) === normalise(second);
}

/** A stated choice ("the answer is (C)", "Answer: C") or else the last number, read as the shadow grader reads it. */
export function finalAnswer(text: string): FinalAnswer | undefined {
  const choice = /answer(?: is)?\s*[:：]?\s*\(?([A-J])\)?(?![a-z])/i.exec(text);
  if (choice?.[1]) return { kind: 'choice', choice: choice[1].toUpperCase() };
  const value = lastNumber(text);
  return value === undefined ? undefined : { kind: 'number', value };
}

function sameFinalAnswer(first: FinalAnswer, second: FinalAnswer): boolean {
  if (first.kind === 'number' && second.kind === 'number') return sameNumber(first.value, second.value);
  return first.kind === 'choice' && second.kind === 'choice' && first.choice === second.choice;
}

const normalise = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** The answer's JSON object or array as canonical text; undefined when it is none (or holds `1e999`, which JSON cannot carry). */
function canonicalAnswerJson(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  // A model's answer is as untrusted as a request: canonical JSON recurses, so nesting is bounded first.
  if (pathBeyondDepth(Buffer.from(trimmed), maxJsonDepth) !== undefined) return undefined;
  try {
    return tryCanonicalJson(JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}
