/**
 * Every operation of a loaded document as a callable tool: paths in sorted order, methods in the
 * specification's order (so names, and `_2` suffixes, never depend on key order), path-item `$ref`s
 * followed, then the `operations` allow-list and `exclude` applied and the result sorted by name.
 */
import { PodiumError } from '../../../../contract/index.js';
import { argumentKeys } from './argument-keys.js';
import type { DereferenceBudget } from './dereference-schema.js';
import type { LoadedDocument } from './load-openapi-document.js';
import { jsonSchemaError } from './json-schema-error.js';
import { childAt, openApiDocumentError, type DocumentPlace } from './openapi-document-error.js';
import { httpMethods, pathItemSchema } from './openapi-document-schema.js';
import type { OpenApiOperation } from './openapi-operation.js';
import { operationToolDefinition } from './operation-tool-definition.js';
import { assignToolNames } from './operation-tool-name.js';
import { parseAt } from './parse-at.js';
import { readOperation, type ReadOperation } from './read-operation.js';
import { followRefs } from './resolve-local-ref.js';

export interface CollectOptions {
  readonly place: DocumentPlace;
  readonly blockedHeaders: ReadonlySet<string>;
  /** operationIds (or tool names) to expose; undefined: all. */
  readonly allow: readonly string[] | undefined;
  /** Tool names never exposed. */
  readonly exclude: readonly string[];
  readonly logger: (line: string) => void;
}

/**
 * The document's operations as tools, sorted by tool name.
 * @throws PodiumError `config_invalid` naming the place in the document, or an allow-listed operation it lacks.
 */
export function collectOperations(document: LoadedDocument, options: CollectOptions): OpenApiOperation[] {
  const read = readAll(document, options);
  const usable = read.filter((operation) => {
    if (operation.unusableBody === undefined) return true;
    options.logger(
      `tools.upstreams.${options.place.upstream}: ${operation.method.toUpperCase()} ${operation.path} skipped: its request body is ${operation.unusableBody}, not JSON`,
    );
    return false;
  });
  const names = assignToolNames(
    usable.map((operation) => ({
      operationId: operation.operation.operationId,
      method: operation.method,
      path: operation.path,
    })),
  );
  const all = usable.map((operation, index) => {
    const built = toOperation(options.place.upstream, operation, names[index] ?? '');
    checkSchemas(options.place, operation.at, built);
    return built;
  });
  return select(all, options).sort((a, b) => (a.toolName < b.toolName ? -1 : 1));
}

function readAll(document: LoadedDocument, options: CollectOptions): ReadOperation[] {
  const budget: DereferenceBudget = { nodes: 0 };
  const context = {
    document: document.raw,
    place: options.place,
    openApi30: document.openApi30,
    budget,
    blockedHeaders: options.blockedHeaders,
  };
  const paths = document.root.paths ?? {};
  const read: ReadOperation[] = [];
  for (const path of Object.keys(paths).sort()) {
    const resolved = followRefs(context, paths[path], childAt('paths', path));
    const item = parseAt(pathItemSchema, resolved.value, { place: options.place, at: resolved.at });
    for (const method of httpMethods) {
      const operation: unknown = item[method];
      if (operation === undefined) continue;
      read.push(
        readOperation(context, {
          method,
          path,
          at: childAt(resolved.at, method),
          operation,
          commonParameters: item.parameters ?? [],
          commonAt: childAt(resolved.at, 'parameters'),
        }),
      );
    }
  }
  return read;
}

function toOperation(upstream: string, read: ReadOperation, toolName: string): OpenApiOperation {
  const keys = argumentKeys(read.parameters);
  const parameters = read.parameters.map((parameter, index) => ({ ...parameter, key: keys[index] ?? parameter.name }));
  return {
    toolName,
    operationId: read.operation.operationId,
    method: read.method,
    path: read.path,
    parameters,
    body: read.body,
    definition: operationToolDefinition({
      upstream,
      toolName,
      method: read.method,
      summary: read.operation.summary,
      description: read.operation.description,
      parameters,
      body: read.body,
      outputSchema: read.outputSchema,
    }),
  };
}

function checkSchemas(place: DocumentPlace, at: string, operation: OpenApiOperation): void {
  const { inputSchema, outputSchema } = operation.definition;
  for (const [what, schema] of [
    ['argument', inputSchema],
    ['response', outputSchema],
  ] as const) {
    const problem = schema === undefined ? undefined : jsonSchemaError(schema);
    if (problem !== undefined)
      throw openApiDocumentError(place, at, `the ${what} schema is not valid JSON Schema: ${problem}`);
  }
}

function select(all: readonly OpenApiOperation[], options: CollectOptions): OpenApiOperation[] {
  const excluded = new Set(options.exclude);
  if (options.allow === undefined) return all.filter((operation) => !excluded.has(operation.toolName));
  const allowed = new Set(options.allow);
  for (const [index, id] of options.allow.entries()) {
    if (!all.some((operation) => operation.operationId === id || operation.toolName === id)) {
      const param = `tools.upstreams.${options.place.upstream}.operations.${index}`;
      throw new PodiumError(
        'config_invalid',
        `${param}: OpenAPI document "${options.place.spec}" has no operation "${id.slice(0, 200)}"`,
        { param },
      );
    }
  }
  return all.filter(
    (operation) =>
      !excluded.has(operation.toolName) &&
      (allowed.has(operation.toolName) || (operation.operationId !== undefined && allowed.has(operation.operationId))),
  );
}
