/**
 * A zod issue reduced to what an API error message needs. OpenAI and Anthropic word their validation
 * errors differently (`Missing required parameter: 'model'.` against `model: Field required`), so
 * each protocol formats a ValidationProblem in its own style; this module only decides *what* is wrong.
 */
import type { z } from 'zod';

export type PathSegment = string | number;

/** The JSON type names used in messages; `integer` and `decimal` split numbers as OpenAI does. */
export type JsonTypeName = 'string' | 'integer' | 'decimal' | 'number' | 'boolean' | 'array' | 'object' | 'null';

export type ValidationProblem =
  | { kind: 'missing'; path: PathSegment[] }
  | { kind: 'type'; path: PathSegment[]; expected: JsonTypeName[]; received: JsonTypeName }
  | { kind: 'value'; path: PathSegment[]; allowed: string[]; received: unknown }
  | {
      kind: 'too-small' | 'too-big';
      path: PathSegment[];
      origin: 'string' | 'array' | 'integer' | 'decimal';
      limit: number;
      inclusive: boolean;
      received: unknown;
    }
  | { kind: 'other'; path: PathSegment[]; message: string };

/**
 * The params for `.min()` / `.max()` on integer fields: zod reports every number bound with origin
 * `number`, and this marker lets a message say "integer" where OpenAI does.
 */
export const integerBound = { error: 'integer' } as const;

/** The JSON type of a value, as a client would name it. */
export function jsonTypeOf(value: unknown): JsonTypeName {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return 'object';
}

function expectedName(expected: string): JsonTypeName {
  switch (expected) {
    case 'int':
      return 'integer';
    case 'number':
      return 'number';
    case 'string':
    case 'boolean':
    case 'array':
    case 'object':
    case 'null':
      return expected;
    default:
      return 'object';
  }
}

function toSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

/**
 * A union failed: either every branch refused the type (the input is none of them), or one branch
 * accepted the type and failed deeper; the deepest failure is the useful one (`messages[0].content[1].text`).
 */
function fromUnion(issue: z.core.$ZodIssueInvalidUnion, base: PathSegment[]): ValidationProblem {
  if (issue.errors.length === 0 && issue.discriminator !== undefined) {
    // zod reports the discriminator's options at runtime without declaring them on the issue type.
    const options: unknown = Reflect.get(issue, 'options');
    const allowed = Array.isArray(options) ? options.map(String) : [];
    const received: unknown =
      typeof issue.input === 'object' && issue.input !== null
        ? Reflect.get(issue.input, issue.discriminator)
        : undefined;
    if (received === undefined) return { kind: 'missing', path: base };
    return { kind: 'value', path: base, allowed, received };
  }
  let deepest: z.core.$ZodIssue | undefined;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first !== undefined && (deepest === undefined || first.path.length > deepest.path.length)) deepest = first;
  }
  if (deepest !== undefined && deepest.path.length > 0) return toProblem(deepest, base);
  // The input had the right type for an enum branch but not one of its values (`tool_choice: "maybe"`).
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first?.code === 'invalid_value') return toProblem(first, base);
  }
  if (issue.input === undefined) return { kind: 'missing', path: base };
  const expected = new Set<JsonTypeName>();
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first?.code === 'invalid_type') expected.add(expectedName(first.expected));
  }
  return { kind: 'type', path: base, expected: [...expected], received: jsonTypeOf(issue.input) };
}

function toProblem(issue: z.core.$ZodIssue, parent: PathSegment[]): ValidationProblem {
  const path = [...parent, ...toSegments(issue.path)];
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { kind: 'missing', path };
      return { kind: 'type', path, expected: [expectedName(issue.expected)], received: jsonTypeOf(issue.input) };
    case 'invalid_union':
      return fromUnion(issue, path);
    case 'invalid_value':
      return { kind: 'value', path, allowed: issue.values.map(String), received: issue.input };
    case 'too_small':
    case 'too_big': {
      const number = issue.message === integerBound.error ? 'integer' : 'decimal';
      const origin = issue.origin === 'string' ? 'string' : issue.origin === 'array' ? 'array' : number;
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const kind = issue.code === 'too_small' ? 'too-small' : 'too-big';
      return { kind, path, origin, limit, inclusive: issue.inclusive ?? true, received: issue.input };
    }
    default:
      return { kind: 'other', path, message: issue.message };
  }
}

/**
 * The first problem of a failed parse. Parse with `{ reportInput: true }` so the problem can say what
 * the client sent. One problem is reported, as the providers do, so clients fix one field at a time.
 */
export function firstValidationProblem(error: z.ZodError): ValidationProblem {
  const issue = error.issues[0];
  if (issue === undefined) return { kind: 'other', path: [], message: 'Invalid request body.' };
  return toProblem(issue, []);
}
