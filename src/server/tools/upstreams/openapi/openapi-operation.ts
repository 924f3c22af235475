/**
 * One OpenAPI operation as Podium calls it: what the model's arguments map to (which argument is
 * which path, query or header parameter, and the JSON body) and the tool it is exposed as.
 */
import type { ToolDefinition } from '../../tool-definition.js';
import type { HttpMethod } from './openapi-document-schema.js';

export type ParameterLocation = 'path' | 'query' | 'header';

export interface OperationParameter {
  readonly name: string;
  readonly in: ParameterLocation;
  /** The argument's property name in the tool's input schema (see argument-keys.ts). */
  readonly key: string;
  readonly required: boolean;
  readonly description: string | undefined;
  /** Dereferenced JSON Schema of the value. */
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface OperationBody {
  readonly required: boolean;
  readonly description: string | undefined;
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface OpenApiOperation {
  /** The tool's name on this upstream: sanitised operationId, or method and path (operation-tool-name.ts). */
  readonly toolName: string;
  readonly operationId: string | undefined;
  readonly method: HttpMethod;
  /** The path template as in the document (`/customers/{customerId}`). */
  readonly path: string;
  readonly parameters: readonly OperationParameter[];
  /** The `application/json` request body, when the operation takes one. */
  readonly body: OperationBody | undefined;
  readonly definition: ToolDefinition;
}
