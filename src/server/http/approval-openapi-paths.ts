/** The approval routes' part of the OpenAPI 3.1 document, generated from the schemas that validate them. */
import { z } from 'zod';
import {
  adminErrorSchema,
  approvalDelegateBodySchema,
  approvalSchema,
  approvalVoteBodySchema,
  listOf,
} from '../../contract/index.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});
const ok = (schema: z.ZodType) => ({
  200: { description: 'OK', content: json(schema, 'output') },
  default: { description: 'Error', content: json(adminErrorSchema) },
});
const query = (name: string, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  schema: { type: 'string' },
  description,
});
const pathId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const linkParameters = [
  pathId,
  query('verdict', 'approve or deny', true),
  query('approver', 'who the link was issued to', true),
  query('expires', 'Unix milliseconds', true),
  query('signature', 'HMAC-SHA256, base64url', true),
];

/** Paths to merge into the admin API document's `paths`. */
export function approvalOpenApiPaths(): Record<string, unknown> {
  const vote = (verb: string) => ({
    post: {
      summary: `${verb} as a current approver (403 otherwise, 409 once final)`,
      parameters: [pathId],
      requestBody: { content: json(approvalVoteBodySchema) },
      responses: ok(approvalSchema),
    },
  });
  return {
    '/api/v1/approvals': {
      get: {
        summary: 'Human approvals, newest first',
        parameters: [
          query('state', 'pending, approved, denied or expired'),
          query('approver', 'a current approver'),
          query('limit', '1–1000, default 100'),
        ],
        responses: ok(listOf(approvalSchema)),
      },
    },
    '/api/v1/approvals/{id}': {
      get: {
        summary: 'One approval, with its votes and delegations',
        parameters: [pathId],
        responses: ok(approvalSchema),
      },
    },
    '/api/v1/approvals/{id}/approve': vote('Approve'),
    '/api/v1/approvals/{id}/deny': vote('Deny (a veto)'),
    '/api/v1/approvals/{id}/delegate': {
      post: {
        summary: "Hand `from`'s vote at the current stage to `to`",
        parameters: [pathId],
        requestBody: { content: json(approvalDelegateBodySchema) },
        responses: ok(approvalSchema),
      },
    },
    '/api/v1/approvals/{id}/act': {
      get: {
        summary: 'Signed link (no admin key): a confirmation page',
        security: [],
        parameters: linkParameters,
        responses: { 200: html('Confirmation'), default: html('Refusal') },
      },
      post: {
        summary: 'Signed link (no admin key): vote, with an optional form field `comment`',
        security: [],
        parameters: linkParameters,
        responses: { 200: html('Vote recorded'), default: html('Refusal') },
      },
    },
  };
}
