/**
 * Whether two answers say the same thing, for agreement and self-consistency checks: equal JSON when
 * both parse, else the same final choice letter ("answer is (B)") or final number when both state
 * one, else the same text once case and whitespace are normalised.
 */
import { maxJsonDepth, pathBeyondDepth } from '../../gateway/index.js';

export function sameAnswer(first: string, second: string): boolean {
  const firstJson = parseJson(first);
  const secondJson = parseJson(second);
  if (firstJson !== undefined && secondJson !== undefined) return canonical(firstJson) === canonical(secondJson);
  const firstFinal = finalAnswer(first);
  const secondFinal = finalAnswer(second);
  if (firstFinal !== undefined && secondFinal !== undefined) return firstFinal === secondFinal;
  return normalise(first) === normalise(second);
}

/** A stated choice ("the answer is (C)", "Answer: C") or else the last number. */
export function finalAnswer(text: string): string | undefined {
  const choice = /answer(?: is)?\s*[:：]?\s*\(?([A-J])\)?(?![a-z])/i.exec(text);
  if (choice?.[1]) return `choice:${choice[1].toUpperCase()}`;
  const numbers = text.replace(/(\d),(\d{3})/g, '$1$2').match(/-?\d+(?:\.\d+)?/g);
  const last = numbers?.at(-1);
  return last === undefined ? undefined : `number:${Number(last)}`;
}

const normalise = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  // A model's answer is as untrusted as a request: `canonical` recurses, so nesting is bounded first.
  if (pathBeyondDepth(Buffer.from(trimmed), maxJsonDepth) !== undefined) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonical(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
