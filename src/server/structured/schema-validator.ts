/**
 * Validates answers against caller-supplied JSON Schemas with Ajv. A schema is compiled once and the
 * compiled function reused for every request that sends the same schema text; the cache is bounded
 * (least recently used evicted) because callers choose the schemas.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { PodiumError } from '../../contract/index.js';
import { parseJsonAnswer } from './parse-json-answer.js';
import type { RequestedFormat } from './requested-format.js';

/** One reason an answer was refused: a JSON Pointer into the answer and what is wrong there. */
export interface AnswerProblem {
  path: string;
  message: string;
}

export type AnswerCheck =
  /** `text` is the JSON to deliver (unwrapped from a code fence when `unwrapped`). */
  { ok: true; text: string; unwrapped: boolean } | { ok: false; problems: AnswerProblem[] };

/** Parses and validates one answer against the format it was prepared for. */
export type AnswerChecker = (answer: string) => AnswerCheck;

export interface SchemaValidatorOptions {
  /** Compiled schemas kept (default 256). */
  maxSchemas?: number;
  /** Larger schemas are refused: compiling generates code, and the caller controls the input (default 256 KiB). */
  maxSchemaBytes?: number;
}

interface Compiled {
  schema: Record<string, unknown>;
  validate: ValidateFunction;
}

/** Enough for the model to fix the answer; a schema with hundreds of failures says the same thing. */
const maxProblems = 20;

const pointerToken = (name: unknown): string => String(name).replace(/~/g, '~0').replace(/\//g, '~1');

function describe(error: ErrorObject): AnswerProblem {
  const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
  if (error.keyword === 'required')
    return { path: `${error.instancePath}/${pointerToken(params.missingProperty)}`, message: 'is required' };
  if (error.keyword === 'additionalProperties')
    return { path: `${error.instancePath}/${pointerToken(params.additionalProperty)}`, message: 'is not allowed' };
  return {
    path: error.instancePath === '' ? '(root)' : error.instancePath,
    message: error.message ?? `fails ${error.keyword}`,
  };
}

const ajvOptions = {
  allErrors: true,
  // Provider dialects add keywords (OpenAI's `strict` extras, descriptions in odd places): ignore, do not refuse.
  strict: false,
  // `format` needs ajv-formats; unknown formats are accepted rather than refused (documented).
  validateFormats: false,
  // Two callers may send different schemas with the same `$id`: never register them globally.
  addUsedSchema: false,
  logger: false,
} as const;

/**
 * Draft 2020-12 (and 2019-09) schemas — MCP's default dialect, which the MCP SDKs stamp in `$schema` — need
 * Ajv's 2020 build; everything else (no `$schema`, draft-07 and older) keeps the draft-07 one.
 */
const isDraft2020 = (schema: Readonly<Record<string, unknown>>): boolean =>
  typeof schema.$schema === 'string' && /20(20-12|19-09)/.test(schema.$schema);

export class SchemaValidator {
  private readonly draft07 = new Ajv(ajvOptions);
  private draft2020: Ajv2020 | undefined;
  private readonly compiled = new Map<string, Compiled>();
  private readonly maxSchemas: number;
  private readonly maxSchemaBytes: number;

  constructor(options: SchemaValidatorOptions = {}) {
    this.maxSchemas = options.maxSchemas ?? 256;
    this.maxSchemaBytes = options.maxSchemaBytes ?? 256 * 1024;
  }

  /** Compiled schemas currently cached. */
  get size(): number {
    return this.compiled.size;
  }

  /**
   * Compiles the request's schema (or reuses it) before anything is sent upstream, and returns the
   * check to run on the answer. Throws `invalid_request` (400, param `response_format.json_schema.schema` or
   * the Anthropic field the schema came in)
   * for a schema Ajv refuses.
   */
  prepare(format: RequestedFormat): AnswerChecker {
    const validate = this.validatorFor(format);
    return (answer) => {
      const parsed = parseJsonAnswer(answer);
      if (!parsed.ok) return { ok: false, problems: [{ path: '(root)', message: parsed.message }] };
      const problems = validate(parsed.value);
      return problems.length === 0
        ? { ok: true, text: parsed.text, unwrapped: parsed.unwrapped }
        : { ok: false, problems };
    };
  }

  private validatorFor(format: RequestedFormat): (value: unknown) => AnswerProblem[] {
    if (format.type === 'json_object') {
      return (value) =>
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? []
          : [{ path: '(root)', message: 'must be a JSON object' }];
    }
    if (format.schema === undefined) return () => [];
    const validate = this.compile(format.schema, format.field ?? 'response_format.json_schema');
    return (value) => (validate(value) ? [] : (validate.errors ?? []).slice(0, maxProblems).map(describe));
  }

  private compile(schema: Record<string, unknown>, field: string): ValidateFunction {
    const param = `${field}.schema`;
    const key = JSON.stringify(schema);
    const cached = this.compiled.get(key);
    if (cached) {
      this.compiled.delete(key);
      this.compiled.set(key, cached);
      return cached.validate;
    }
    if (key.length > this.maxSchemaBytes) {
      throw new PodiumError(
        'invalid_request',
        `The JSON schema in ${field} is larger than ${this.maxSchemaBytes} bytes.`,
        { param },
      );
    }
    let validate: ValidateFunction;
    const ajv = this.ajvFor(schema);
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      // Ajv caches a schema before validating it: a refused one would stay in its cache for good.
      ajv.removeSchema(schema);
      const reason = error instanceof Error ? error.message : String(error);
      throw new PodiumError('invalid_request', `The JSON schema in ${field} is not valid: ${reason}`, {
        param,
        cause: error,
      });
    }
    this.compiled.set(key, { schema, validate });
    if (this.compiled.size > this.maxSchemas) this.evictOldest();
    return validate;
  }

  private evictOldest(): void {
    const [key, oldest] = this.compiled.entries().next().value ?? [];
    if (key === undefined || oldest === undefined) return;
    this.compiled.delete(key);
    this.ajvFor(oldest.schema).removeSchema(oldest.schema);
  }

  private ajvFor(schema: Readonly<Record<string, unknown>>): Ajv | Ajv2020 {
    if (!isDraft2020(schema)) return this.draft07;
    return (this.draft2020 ??= new Ajv2020(ajvOptions));
  }
}
