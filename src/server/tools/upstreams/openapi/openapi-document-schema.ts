/**
 * zod schemas of the parts of an OpenAPI 3.0 / 3.1 document that Podium reads, and nothing more:
 * the rest (tags, security schemes, examples, webhooks) is left alone, so loose objects. Schemas of
 * parameters and bodies stay `unknown` here: they are JSON Schema, dereferenced and checked apart.
 */
import { z } from 'zod';

/** The HTTP methods an OpenAPI path item may hold, in the order the specification lists them. */
export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof httpMethods)[number];

const text = z.string().max(100_000);

export const openApiRootSchema = z.looseObject({
  openapi: z.string().regex(/^3\.[01]\.\d+/, 'must be an OpenAPI 3.0.x or 3.1.x version'),
  servers: z
    .array(
      z.looseObject({
        url: z.string().min(1).max(4096),
        variables: z.record(z.string(), z.looseObject({ default: z.string().max(4096) })).optional(),
      }),
    )
    .max(1000)
    .optional(),
  // Optional in 3.1 (a document may hold only webhooks or components).
  paths: z.record(z.string().max(4096), z.unknown()).optional(),
});
export type OpenApiRoot = z.infer<typeof openApiRootSchema>;

const operationFields = {
  summary: text.optional(),
  description: text.optional(),
  parameters: z.array(z.unknown()).max(1000).optional(),
};

export const pathItemSchema = z.looseObject({
  ...operationFields,
  ...Object.fromEntries(httpMethods.map((method) => [method, z.unknown().optional()])),
});

export const operationSchema = z.looseObject({
  ...operationFields,
  operationId: z.string().min(1).max(1000).optional(),
  requestBody: z.unknown().optional(),
  responses: z.record(z.string().max(16), z.unknown()).optional(),
});
export type OperationObject = z.infer<typeof operationSchema>;

export const parameterSchema = z.looseObject({
  name: z.string().min(1).max(200),
  in: z.enum(['path', 'query', 'header', 'cookie']),
  required: z.boolean().optional(),
  description: text.optional(),
  schema: z.unknown().optional(),
});
export type ParameterObject = z.infer<typeof parameterSchema>;

const mediaTypesSchema = z.record(z.string().max(200), z.looseObject({ schema: z.unknown().optional() }));

export const requestBodySchema = z.looseObject({
  description: text.optional(),
  required: z.boolean().optional(),
  content: mediaTypesSchema.optional(),
});

export const responseSchema = z.looseObject({
  description: text.optional(),
  content: mediaTypesSchema.optional(),
});

/** A media type Podium sends and reads as JSON: `application/json` and `application/<anything>+json`. */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(essence);
}
