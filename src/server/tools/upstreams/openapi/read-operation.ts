/**
 * One operation of the document read into what a call needs: its parameters (the path item's
 * merged with the operation's, the operation's winning), its JSON request body and the schema of
 * its JSON success response, every `$ref` followed and every schema dereferenced.
 *
 * Left out of the tool's arguments: cookie parameters and header parameters Podium sets itself or
 * never lets a model set (`authorization`, `cookie`, `host`, any configured header): see
 * blocked-headers.ts. An operation whose only request body is not JSON (a form, a file upload) is
 * skipped with a log line when the body is required: the tool could not be called.
 */
import { dereferenceSchema, type DereferenceOptions } from './dereference-schema.js';
import { childAt, openApiDocumentError } from './openapi-document-error.js';
import {
  isJsonMediaType,
  operationSchema,
  parameterSchema,
  requestBodySchema,
  responseSchema,
  type HttpMethod,
  type OperationObject,
} from './openapi-document-schema.js';
import type { OperationBody, ParameterLocation } from './openapi-operation.js';
import { parseAt } from './parse-at.js';
import { followRefs } from './resolve-local-ref.js';

export interface ReadParameter {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  readonly description: string | undefined;
  readonly schema: Record<string, unknown>;
}

export interface ReadOperation {
  readonly method: HttpMethod;
  /** Where the operation is in the document. */
  readonly at: string;
  readonly path: string;
  readonly operation: OperationObject;
  readonly parameters: readonly ReadParameter[];
  readonly body: OperationBody | undefined;
  /** Set when the request body is required but not JSON: the operation cannot be offered. */
  readonly unusableBody: string | undefined;
  readonly outputSchema: Record<string, unknown> | undefined;
}

export interface ReadOperationInput {
  readonly method: HttpMethod;
  readonly path: string;
  readonly at: string;
  readonly operation: unknown;
  /** The path item's own parameters (still unresolved). */
  readonly commonParameters: readonly unknown[];
  readonly commonAt: string;
}

export interface ReadContext extends DereferenceOptions {
  /** Lower-cased header names a model may never set. */
  readonly blockedHeaders: ReadonlySet<string>;
}

/** Reads one operation. @throws PodiumError `config_invalid` naming the place in the document. */
export function readOperation(context: ReadContext, input: ReadOperationInput): ReadOperation {
  const place = context.place;
  const operation = parseAt(operationSchema, input.operation, { place, at: input.at });
  const byKey = new Map<string, ReadParameter>();
  const addAll = (list: readonly unknown[], at: string) =>
    list.forEach((raw, index) => {
      const parameter = readParameter(context, raw, childAt(at, index));
      // Only header names are case-insensitive: a query `Limit` and `limit` are two parameters.
      const name = parameter?.in === 'header' ? parameter.name.toLowerCase() : parameter?.name;
      if (parameter !== undefined) byKey.set(`${parameter.in} ${name}`, parameter);
    });
  addAll(input.commonParameters, input.commonAt);
  addAll(operation.parameters ?? [], childAt(input.at, 'parameters'));
  const parameters = [...byKey.values()];
  checkPathTemplate(context, { path: input.path, at: input.at, parameters });
  const body = readBody(context, operation.requestBody, childAt(input.at, 'requestBody'));
  return {
    method: input.method,
    at: input.at,
    path: input.path,
    operation,
    parameters,
    body: body.body,
    unusableBody: body.unusable,
    outputSchema: readOutputSchema(context, operation.responses ?? {}, childAt(input.at, 'responses')),
  };
}

function readParameter(context: ReadContext, raw: unknown, at: string): ReadParameter | undefined {
  const resolved = followRefs(context, raw, at);
  const parameter = parseAt(parameterSchema, resolved.value, { place: context.place, at: resolved.at });
  if (parameter.in === 'cookie') return undefined;
  if (parameter.in === 'header' && context.blockedHeaders.has(parameter.name.toLowerCase())) return undefined;
  if (parameter.in === 'path' && parameter.required !== true) {
    throw openApiDocumentError(context.place, childAt(resolved.at, 'required'), 'a path parameter must be required');
  }
  // 3.x also allows `content` instead of `schema`; its (first) media type's schema then describes the value.
  const content = (parameter as { content?: unknown }).content;
  const contentSchema =
    typeof content === 'object' && content !== null
      ? (Object.values(content)[0] as { schema?: unknown } | undefined)?.schema
      : undefined;
  const rawSchema = parameter.schema ?? contentSchema;
  return {
    name: parameter.name,
    in: parameter.in,
    required: parameter.required === true,
    description: parameter.description,
    schema: rawSchema === undefined ? {} : dereferenceSchema(context, rawSchema, childAt(resolved.at, 'schema')),
  };
}

function checkPathTemplate(
  context: ReadContext,
  input: { path: string; at: string; parameters: readonly ReadParameter[] },
): void {
  if (!input.path.startsWith('/')) throw openApiDocumentError(context.place, input.at, 'a path must start with "/"');
  for (const match of input.path.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1] ?? '';
    if (!input.parameters.some((parameter) => parameter.in === 'path' && parameter.name === name)) {
      throw openApiDocumentError(context.place, input.at, `path parameter "${name}" is not declared`);
    }
  }
}

function readBody(
  context: ReadContext,
  raw: unknown,
  at: string,
): { body: OperationBody | undefined; unusable: string | undefined } {
  if (raw === undefined) return { body: undefined, unusable: undefined };
  const resolved = followRefs(context, raw, at);
  const requestBody = parseAt(requestBodySchema, resolved.value, { place: context.place, at: resolved.at });
  const mediaTypes = Object.entries(requestBody.content ?? {});
  const json = mediaTypes.find(([mediaType]) => isJsonMediaType(mediaType));
  if (json === undefined) {
    const unusable = requestBody.required === true ? mediaTypes.map(([mediaType]) => mediaType).join(', ') : undefined;
    return { body: undefined, unusable };
  }
  const schemaAt = childAt(childAt(childAt(resolved.at, 'content'), json[0]), 'schema');
  return {
    body: {
      required: requestBody.required === true,
      description: requestBody.description,
      schema: json[1].schema === undefined ? {} : dereferenceSchema(context, json[1].schema, schemaAt),
    },
    unusable: undefined,
  };
}

/** The first 2xx response (200, 201… then `2XX`) with a JSON object schema. */
function readOutputSchema(
  context: ReadContext,
  responses: Readonly<Record<string, unknown>>,
  at: string,
): Record<string, unknown> | undefined {
  const codes = Object.keys(responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort((a, b) => (a.toUpperCase() < b.toUpperCase() ? -1 : 1));
  for (const code of codes) {
    const resolved = followRefs(context, responses[code], childAt(at, code));
    const response = parseAt(responseSchema, resolved.value, { place: context.place, at: resolved.at });
    const json = Object.entries(response.content ?? {}).find(([mediaType]) => isJsonMediaType(mediaType));
    if (json?.[1].schema === undefined) continue;
    const schemaAt = childAt(childAt(childAt(resolved.at, 'content'), json[0]), 'schema');
    const schema = dereferenceSchema(context, json[1].schema, schemaAt);
    return schema.type === 'object' ? schema : undefined;
  }
  return undefined;
}
