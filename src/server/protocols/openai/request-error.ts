/**
 * Validation errors worded as OpenAI words them, so a client switching its base URL to Podium sees
 * the messages it already knows: `Missing required parameter: 'model'.`,
 * `Invalid type for 'messages[0].content': expected one of a string or an array, but got an integer instead.`
 */
import type { z } from 'zod';
import { PodiumError } from '../../../contract/index.js';
import {
  firstValidationProblem,
  type JsonTypeName,
  type PathSegment,
  type ValidationProblem,
} from '../shared/validation-problem.js';

/** `messages[0].content`: OpenAI's own notation for the `param` of an error. */
export function openAIParam(path: readonly PathSegment[]): string {
  let param = '';
  for (const segment of path)
    param += typeof segment === 'number' ? `[${segment}]` : param === '' ? segment : `.${segment}`;
  return param;
}

const article = (type: JsonTypeName): string =>
  type === 'integer' || type === 'array' || type === 'object' ? `an ${type}` : type === 'null' ? 'null' : `a ${type}`;

/** OpenAI says `decimal` for any JSON number. */
const expectedWord = (type: JsonTypeName): string => article(type === 'number' ? 'decimal' : type);

function quoteList(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1] ?? ''}`;
}

function bound(problem: Extract<ValidationProblem, { kind: 'too-small' | 'too-big' }>, param: string): string {
  const small = problem.kind === 'too-small';
  if (problem.origin === 'array' && small && problem.limit === 1) {
    return `Invalid '${param}': empty array. Expected an array with minimum length 1, but got an empty array instead.`;
  }
  if (problem.origin === 'string' && small && problem.limit === 1) {
    return `Invalid '${param}': empty string. Expected a string with minimum length 1, but got an empty string instead.`;
  }
  const operator = small ? (problem.inclusive ? '>=' : '>') : problem.inclusive ? '<=' : '<';
  const direction = small ? 'below minimum' : 'above maximum';
  if (problem.origin === 'integer' || problem.origin === 'decimal') {
    return `Invalid '${param}': ${problem.origin} ${direction} value. Expected a value ${operator} ${problem.limit}, but got ${String(problem.received)} instead.`;
  }
  const length = Array.isArray(problem.received) || typeof problem.received === 'string' ? problem.received.length : 0;
  return `Invalid '${param}': ${problem.origin} ${direction} length. Expected a length ${operator} ${problem.limit}, but got ${length} instead.`;
}

/** Words one problem as OpenAI would. */
export function openAIProblemMessage(problem: ValidationProblem): string {
  const param = openAIParam(problem.path);
  switch (problem.kind) {
    case 'missing':
      return `Missing required parameter: '${param}'.`;
    case 'type': {
      const expected =
        problem.expected.length === 1
          ? expectedWord(problem.expected[0] ?? 'object')
          : `one of ${problem.expected.map(expectedWord).join(' or ')}`;
      const subject = param === '' ? 'the request body' : `'${param}'`;
      return `Invalid type for ${subject}: expected ${expected}, but got ${article(problem.received)} instead.`;
    }
    case 'value':
      return `Invalid value: '${String(problem.received)}'. Supported values are: ${quoteList(problem.allowed)}.`;
    case 'too-small':
    case 'too-big':
      return bound(problem, param);
    case 'other':
      return param === '' ? problem.message : `Invalid '${param}': ${problem.message}`;
  }
}

/** Parses `body` with `schema`, or throws `invalid_request` naming the field in OpenAI's words. */
export function parseOpenAIBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  const problem = firstValidationProblem(result.error);
  const param = problem.path.length === 0 ? undefined : openAIParam(problem.path);
  throw new PodiumError('invalid_request', openAIProblemMessage(problem), { param });
}
