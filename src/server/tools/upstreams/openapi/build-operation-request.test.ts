/**
 * The request built from arguments, for operations the document reader would never produce (a
 * declared `authorization` header, a header named like a configured one): the builder holds the
 * line on its own.
 */
import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../../../contract/index.js';
import { blockedHeaders } from './blocked-headers.js';
import { buildOperationRequest, encodeSegment } from './build-operation-request.js';
import type { OpenApiOperation, OperationParameter } from './openapi-operation.js';

const parameter = (name: string, location: OperationParameter['in'], key = name): OperationParameter => ({
  name,
  in: location,
  key,
  required: false,
  description: undefined,
  schema: {},
});

const operation: OpenApiOperation = {
  toolName: 'updateNote',
  operationId: 'updateNote',
  method: 'put',
  path: '/customers/{customerId}/notes/{noteId}',
  parameters: [
    parameter('customerId', 'path'),
    parameter('noteId', 'path'),
    parameter('Authorization', 'header'),
    parameter('X-Api-Key', 'header'),
    parameter('X-Trace', 'header'),
    parameter('ids', 'query'),
    parameter('filter', 'query'),
  ],
  body: { required: false, description: undefined, schema: {} },
  definition: { upstream: 'crm', name: 'updateNote', inputSchema: { type: 'object' } },
};

const configuredHeaders = { 'X-Api-Key': 'key-from-secret' };
const target = { basePath: '/api', configuredHeaders, blockedHeaders: blockedHeaders(configuredHeaders) };

describe('buildOperationRequest', () => {
  it('builds path, query, headers and JSON body, with configured headers winning over declared ones', () => {
    const request = buildOperationRequest(
      operation,
      {
        customerId: 'c/1',
        noteId: 7,
        Authorization: 'Bearer stolen',
        'X-Api-Key': 'model-key',
        'X-Trace': ['a', 'b'],
        ids: [1, 2],
        filter: { status: 'open' },
        body: { text: 'hi' },
      },
      target,
    );
    expect(request).toEqual({
      method: 'PUT',
      path: '/api/customers/c%2F1/notes/7?ids=1&ids=2&filter=%7B%22status%22%3A%22open%22%7D',
      headers: {
        accept: 'application/json',
        'x-trace': 'a,b',
        'x-api-key': 'key-from-secret',
        'content-type': 'application/json',
      },
      body: '{"text":"hi"}',
    });
  });

  it('refuses a header value with a line break, and a missing path parameter, naming the argument', () => {
    const refused = (args: Record<string, unknown>): PodiumError => {
      try {
        buildOperationRequest(operation, args, target);
      } catch (error) {
        if (error instanceof PodiumError) return error;
      }
      throw new Error('not refused');
    };
    expect(refused({ customerId: 'c', noteId: 'n', 'X-Trace': 'a\r\nX-Admin: 1' })).toMatchObject({
      code: 'invalid_request',
      param: 'X-Trace',
    });
    expect(refused({ customerId: 'c' })).toMatchObject({ code: 'invalid_request', param: 'noteId' });
    expect(refused({ customerId: 'c', noteId: 'n', ids: ['x'.repeat(70_000)] }).code).toBe('invalid_request');
  });

  it('sends no body when none is given', () => {
    const request = buildOperationRequest(operation, { customerId: 'c', noteId: 'n' }, target);
    expect(request.body).toBeUndefined();
    expect(request.headers['content-type']).toBeUndefined();
  });
});

describe('encodeSegment', () => {
  it('keeps every value inside one segment', () => {
    expect(['..', '.', '../x', 'a/b', '?#', '%2F'].map(encodeSegment)).toEqual([
      '%2E%2E',
      '%2E',
      '..%2Fx',
      'a%2Fb',
      '%3F%23',
      '%252F',
    ]);
  });
});
