import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { requestedFormat } from './requested-format.js';
import { SchemaValidator } from './schema-validator.js';
import { createStructuredAnswerCheck } from './structured-answer-check.js';

const schemaFormat = (schema: Record<string, unknown>) => ({ type: 'json_schema' as const, name: 'answer', schema });

describe('SchemaValidator', () => {
  it('names each failing path as a JSON Pointer, missing and extra properties included', () => {
    const check = new SchemaValidator().prepare(
      schemaFormat({
        type: 'object',
        properties: { items: { type: 'array', items: { type: 'object', properties: { 'a/b': { type: 'integer' } } } } },
        required: ['items', 'total'],
        additionalProperties: false,
      }),
    );
    const verdict = check('{"items":[{"a/b":1},{"a/b":"x"}],"extra":true}');
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.problems).toEqual(
      expect.arrayContaining([
        { path: '/total', message: 'is required' },
        { path: '/extra', message: 'is not allowed' },
        { path: '/items/1/a~1b', message: 'must be integer' },
      ]),
    );
  });

  it('resolves $defs references, as OpenAI strict schemas use them', () => {
    const check = new SchemaValidator().prepare(
      schemaFormat({
        $defs: { step: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] } },
        type: 'array',
        items: { $ref: '#/$defs/step' },
      }),
    );
    expect(check('[{"n":1},{"n":2}]')).toEqual({ ok: true, text: '[{"n":1},{"n":2}]', unwrapped: false });
    expect(check('[{"m":1}]')).toMatchObject({ ok: false, problems: [{ path: '/0/n', message: 'is required' }] });
  });

  it('validates draft 2020-12 schemas (MCP tools’ dialect, stamped in $schema by the MCP SDKs) and draft-07 ones', () => {
    const check = new SchemaValidator().prepare(
      schemaFormat({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] } },
        required: ['pair'],
      }),
    );
    expect(check('{"pair":["a",1]}')).toMatchObject({ ok: true });
    // prefixItems is a 2020-12 keyword: a draft-07 validator would ignore it and accept this.
    expect(check('{"pair":[1,"a"]}')).toMatchObject({ ok: false });
    const draft07 = new SchemaValidator().prepare(
      schemaFormat({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['a'] }),
    );
    expect(draft07('{}')).toMatchObject({ ok: false, problems: [{ path: '/a', message: 'is required' }] });
  });

  it('refuses prose and accepts a single fenced JSON block, unwrapped', () => {
    const check = new SchemaValidator().prepare({ type: 'json_object' });
    expect(check('Sure! Here it is: {"a":1}')).toMatchObject({ ok: false, problems: [{ path: '(root)' }] });
    expect(check('```json\n{"a":1}\n```')).toEqual({ ok: true, text: '{"a":1}', unwrapped: true });
    expect(check('null')).toMatchObject({
      ok: false,
      problems: [{ path: '(root)', message: 'must be a JSON object' }],
    });
  });

  it('keeps separate schemas that share an $id apart', () => {
    const validator = new SchemaValidator();
    const first = validator.prepare(schemaFormat({ $id: 'https://example.com/answer', type: 'string' }));
    const second = validator.prepare(schemaFormat({ $id: 'https://example.com/answer', type: 'number' }));
    expect(first('"x"').ok).toBe(true);
    expect(second('1').ok).toBe(true);
    expect(second('"x"').ok).toBe(false);
  });

  it('stays within its bound and still validates schemas it evicted', () => {
    const validator = new SchemaValidator({ maxSchemas: 2 });
    for (let round = 0; round < 2; round += 1) {
      for (const type of ['string', 'number', 'boolean'])
        expect(
          validator.prepare(schemaFormat({ type }))(type === 'string' ? '"s"' : type === 'number' ? '1' : 'true').ok,
        ).toBe(true);
      expect(validator.size).toBe(2);
    }
  });

  it('throws a 400 naming response_format for a schema Ajv refuses, and for an oversized one', () => {
    const validator = new SchemaValidator({ maxSchemaBytes: 64 });
    const refuse = (schema: Record<string, unknown>): PodiumError | undefined => {
      try {
        validator.prepare(schemaFormat(schema));
        return undefined;
      } catch (error) {
        return error instanceof PodiumError ? error : undefined;
      }
    };
    expect(refuse({ type: 'nothing' })).toMatchObject({
      code: 'invalid_request',
      status: 400,
      param: 'response_format.json_schema.schema',
    });
    expect(refuse({ type: 'object', description: 'x'.repeat(100) })?.message).toContain('larger than 64 bytes');
  });
});

describe('requestedFormat', () => {
  it('reads OpenAI chat response_format and Anthropic output_config.format / output_format, and ignores other surfaces', () => {
    const body = { response_format: { type: 'json_schema', json_schema: { name: 'n', schema: { type: 'object' } } } };
    expect(requestedFormat({ surface: 'openai-chat', body })).toEqual({
      type: 'json_schema',
      name: 'n',
      schema: { type: 'object' },
    });
    expect(requestedFormat({ surface: 'openai-chat', body: { response_format: { type: 'text' } } })).toBeUndefined();
    expect(
      requestedFormat({ surface: 'anthropic-messages', body: { output_format: { type: 'json_schema', schema: {} } } }),
    ).toEqual({ type: 'json_schema', name: 'response', schema: {}, field: 'output_format' });
    expect(
      requestedFormat({
        surface: 'anthropic-messages',
        body: { output_config: { effort: 'low', format: { type: 'json_schema', schema: { type: 'object' } } } },
      }),
    ).toEqual({
      type: 'json_schema',
      name: 'response',
      schema: { type: 'object' },
      field: 'output_config.format',
    });
    expect(
      requestedFormat({ surface: 'anthropic-messages', body: { output_config: { effort: 'low' } } }),
    ).toBeUndefined();
    expect(
      requestedFormat({ surface: 'openai-responses', body: { response_format: { type: 'json_object' } } }),
    ).toBeUndefined();
  });
});

describe('createStructuredAnswerCheck', () => {
  it('lists problems against the request schema, a JSON object when there is none, and never throws', () => {
    const check = createStructuredAnswerCheck();
    const body = {
      response_format: { type: 'json_schema', json_schema: { name: 'n', schema: { type: 'object', required: ['a'] } } },
    };
    expect(check({ body, answer: '{"a":1}' })).toEqual([]);
    expect(check({ body, answer: '{}' })).toEqual(['/a is required']);
    expect(check({ body: {}, answer: '42' })).toEqual(['(root) must be a JSON object']);
    const broken = { response_format: { type: 'json_schema', json_schema: { name: 'n', schema: { type: 'nope' } } } };
    expect(check({ body: broken, answer: '{}' })[0]).toContain('not valid');
  });

  it('reads the format where the surface carries it, and can pass requests that ask for none', () => {
    const check = createStructuredAnswerCheck();
    const anthropicBody = {
      output_config: { format: { type: 'json_schema', schema: { type: 'object', required: ['a'] } } },
    };
    expect(check({ surface: 'anthropic-messages', body: anthropicBody, answer: '{}' })).toEqual(['/a is required']);
    expect(check({ surface: 'anthropic-messages', body: {}, answer: 'free text', onlyIfRequested: true })).toEqual([]);
    expect(check({ surface: 'openai-chat', body: {}, answer: 'free text', onlyIfRequested: true })).toEqual([]);
    expect(
      check({
        surface: 'openai-chat',
        body: { response_format: { type: 'json_object' } },
        answer: 'free text',
        onlyIfRequested: true,
      })[0],
    ).toContain('not JSON');
  });
});
