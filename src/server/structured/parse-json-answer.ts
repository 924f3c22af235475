/**
 * Reads a model's answer as JSON. Models that were not told about the schema natively (a translated
 * call to Anthropic carries no `response_format`) often wrap their JSON in a markdown fence; the
 * fenced JSON is accepted and delivered unwrapped, which saves a repair call.
 */

import { maxJsonDepth, pathBeyondDepth } from '../gateway/index.js';

export type ParsedAnswer =
  { ok: true; value: unknown; text: string; unwrapped: boolean } | { ok: false; message: string };

const fenced = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/;

function parse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  // A model's answer is as untrusted as a request: schema validation and PII scanning walk it recursively.
  const deep = pathBeyondDepth(Buffer.from(text), maxJsonDepth);
  if (deep !== undefined) return { ok: false, message: `nested deeper than ${maxJsonDepth} levels at ${deep}` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Parses the answer, or the one code fence it consists of. */
export function parseJsonAnswer(answer: string): ParsedAnswer {
  const text = answer.trim();
  const whole = parse(text);
  if (whole.ok) return { ok: true, value: whole.value, text, unwrapped: false };
  const inner = fenced.exec(text)?.[1]?.trim();
  if (inner !== undefined) {
    const unwrapped = parse(inner);
    if (unwrapped.ok) return { ok: true, value: unwrapped.value, text: inner, unwrapped: true };
  }
  return { ok: false, message: `the answer is not JSON (${whole.message})` };
}
