import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../../../contract/index.js';
import { dereferenceSchema, maxSchemaNodes } from './dereference-schema.js';

const place = { upstream: 'crm', spec: 'crm.yaml' };
const options = (document: unknown, openApi30 = false) => ({ document, place, openApi30, budget: { nodes: 0 } });

describe('dereferenceSchema', () => {
  it('inlines refs, leaves data alone, and treats property names as names', () => {
    const document = { components: { schemas: { Id: { type: 'string', format: 'uuid' } } } };
    const schema = {
      type: 'object',
      properties: {
        id: { $ref: '#/components/schemas/Id' },
        enum: { type: 'string', enum: [{ $ref: 'not a ref' }] },
      },
      example: { $ref: 'kept' },
    };
    expect(dereferenceSchema(options(document), schema, 'x')).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        enum: { type: 'string', enum: [{ $ref: 'not a ref' }] },
      },
      example: { $ref: 'kept' },
    });
  });

  it('keeps keywords beside a 3.1 $ref alongside the target', () => {
    const document = { components: { schemas: { Name: { type: 'string' } } } };
    expect(dereferenceSchema(options(document), { $ref: '#/components/schemas/Name', maxLength: 5 }, 'x')).toEqual({
      allOf: [{ type: 'string' }],
      maxLength: 5,
    });
  });

  it('converts OpenAPI 3.0 nullable and boolean exclusive bounds', () => {
    const schema = {
      type: 'object',
      properties: {
        note: { type: 'string', nullable: true },
        level: { type: 'string', enum: ['a', 'b'], nullable: true },
        price: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false },
      },
    };
    expect(dereferenceSchema(options({}, true), schema, 'x').properties).toEqual({
      note: { type: ['string', 'null'] },
      level: { type: ['string', 'null'], enum: ['a', 'b', null] },
      price: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
    });
  });

  it('fails, naming the place, when refs fan out past the node bound', () => {
    // Each level holds the next twice: 2^30 nodes from a few lines.
    const schemas: Record<string, unknown> = { L30: { type: 'string' } };
    for (let level = 0; level < 30; level += 1) {
      const next = { $ref: `#/components/schemas/L${level + 1}` };
      schemas[`L${level}`] = { type: 'array', prefixItems: [next, next] };
    }
    const document = { components: { schemas } };
    let error: unknown;
    try {
      dereferenceSchema(options(document), { $ref: '#/components/schemas/L0' }, 'paths./a.get.responses.200');
    } catch (failure) {
      error = failure;
    }
    expect(error).toBeInstanceOf(PodiumError);
    expect((error as PodiumError).message).toContain(`schemas expand to more than ${maxSchemaNodes} nodes`);
    expect((error as PodiumError).message).toContain('at components.schemas.L');
  });
});
