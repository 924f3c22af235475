/**
 * Validation errors worded as the Anthropic API words them (its validation is pydantic's):
 * `max_tokens: Field required`, `messages.0.role: Input should be 'user' or 'assistant'`.
 */
import type { z } from 'zod';
import { PodiumError } from '../../../contract/index.js';
import {
  firstValidationProblem,
  type JsonTypeName,
  type PathSegment,
  type ValidationProblem,
} from '../shared/validation-problem.js';

/** `messages.0.content`: the dotted path Anthropic puts before each message. */
export function anthropicParam(path: readonly PathSegment[]): string {
  return path.join('.');
}

const typeWords: Record<JsonTypeName, string> = {
  string: 'a valid string',
  integer: 'a valid integer',
  decimal: 'a valid number',
  number: 'a valid number',
  boolean: 'a valid boolean',
  array: 'a valid list',
  object: 'a valid dictionary',
  null: 'None',
};

/** `'a', 'b' or 'c'`, as pydantic lists literal choices. */
function choiceList(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1] ?? ''}`;
}

function bound(problem: Extract<ValidationProblem, { kind: 'too-small' | 'too-big' }>): string {
  const small = problem.kind === 'too-small';
  if (problem.origin === 'array' || problem.origin === 'string') {
    const length =
      Array.isArray(problem.received) || typeof problem.received === 'string' ? problem.received.length : 0;
    const unit = problem.origin === 'array' ? 'item' : 'character';
    const plural = problem.limit === 1 ? unit : `${unit}s`;
    const subject = problem.origin === 'array' ? 'List' : 'String';
    const suffix = problem.origin === 'array' ? ` after validation, not ${length}` : '';
    return `${subject} should have ${small ? 'at least' : 'at most'} ${problem.limit} ${plural}${suffix}`;
  }
  const comparison = small ? 'greater than' : 'less than';
  return `Input should be ${comparison}${problem.inclusive ? ' or equal to' : ''} ${problem.limit}`;
}

function describe(problem: ValidationProblem): string {
  switch (problem.kind) {
    case 'missing':
      return 'Field required';
    case 'type':
      return `Input should be ${problem.expected.map((type) => typeWords[type]).join(' or ')}`;
    case 'value':
      return `Input should be ${choiceList(problem.allowed)}`;
    case 'too-small':
    case 'too-big':
      return bound(problem);
    case 'other':
      return problem.message;
  }
}

/** Words one problem as Anthropic would: the dotted field path, a colon, then pydantic's sentence. */
export function anthropicProblemMessage(problem: ValidationProblem): string {
  const path = anthropicParam(problem.path);
  return `${path === '' ? 'Request body' : path}: ${describe(problem)}`;
}

/** Parses `body` with `schema`, or throws `invalid_request` naming the field in Anthropic's words. */
export function parseAnthropicBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  const problem = firstValidationProblem(result.error);
  const param = problem.path.length === 0 ? undefined : anthropicParam(problem.path);
  throw new PodiumError('invalid_request', anthropicProblemMessage(problem), { param });
}
