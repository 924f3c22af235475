/**
 * A call's HTTP request from the model's arguments (already validated against the input schema,
 * and still treated as hostile here):
 *   - path parameters percent-encoded as one segment each: a `/` is `%2F` and a value of only dots
 *     (`..`) is `%2E%2E`, so no value can leave or climb the path the document declares;
 *   - query parameters with arrays as repeated keys (`?tag=a&tag=b`, OpenAPI's default form/explode);
 *   - header parameters, except the blocked ones (blocked-headers.ts), with the configured headers
 *     set last so they always win; a value with a line break is refused (header injection);
 *   - `body` as JSON.
 * Objects in a path, query or header are sent as JSON text (no OpenAPI style other than the default).
 */
import { PodiumError } from '../../../../contract/index.js';
import { bodyArgumentKey } from './argument-keys.js';
import type { OpenApiOperation, OperationParameter } from './openapi-operation.js';

const maxHeaderValue = 8192;
/** Longest path and query sent: servers refuse far less (often 8 KiB), so more is a mistake or an attack. */
const maxTargetLength = 65_536;

export interface OperationRequest {
  readonly method: string;
  /** Path and query, the base URL's path included. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

export interface RequestTarget {
  /** The base URL's path without a trailing `/` (`/api/v1`, or `` at the root). */
  readonly basePath: string;
  readonly configuredHeaders: Readonly<Record<string, string>>;
  readonly blockedHeaders: ReadonlySet<string>;
}

/** The request for one call. @throws PodiumError `invalid_request` naming the argument at fault. */
export function buildOperationRequest(
  operation: OpenApiOperation,
  args: Readonly<Record<string, unknown>>,
  target: RequestTarget,
): OperationRequest {
  const argumentOf = (parameter: OperationParameter): unknown =>
    Object.hasOwn(args, parameter.key) ? args[parameter.key] : undefined;
  const path = operation.path.replace(/\{([^{}]*)\}/g, (_match, name: string) => {
    const parameter = operation.parameters.find((candidate) => candidate.in === 'path' && candidate.name === name);
    const value = parameter === undefined ? undefined : argumentOf(parameter);
    if (parameter === undefined || value === undefined || value === null) {
      throw new PodiumError('invalid_request', `${parameter?.key ?? name}: required`, {
        param: parameter?.key ?? name,
      });
    }
    return encodeSegment(textOf(value));
  });
  const query = new URLSearchParams();
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const parameter of operation.parameters) {
    const value = argumentOf(parameter);
    if (value === undefined || value === null) continue;
    if (parameter.in === 'query') {
      for (const item of Array.isArray(value) ? value : [value]) query.append(parameter.name, textOf(item));
    } else if (parameter.in === 'header' && !target.blockedHeaders.has(parameter.name.toLowerCase())) {
      headers[parameter.name.toLowerCase()] = headerValue(parameter.key, value);
    }
  }
  for (const [name, value] of Object.entries(target.configuredHeaders)) headers[name.toLowerCase()] = value;
  const bodyValue = operation.body === undefined ? undefined : args[bodyArgumentKey];
  if (bodyValue !== undefined) headers['content-type'] = 'application/json';
  const search = query.toString();
  const requestTarget = `${target.basePath}${path}${search === '' ? '' : `?${search}`}`;
  if (requestTarget.length > maxTargetLength) {
    throw new PodiumError('invalid_request', `the path and query would exceed ${maxTargetLength} characters`);
  }
  return {
    method: operation.method.toUpperCase(),
    path: requestTarget,
    headers,
    body: bodyValue === undefined ? undefined : JSON.stringify(bodyValue),
  };
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** One path segment, whatever the value: `/`, `?`, `#` encoded, and `.` / `..` made literal. */
export function encodeSegment(value: string): string {
  const encoded = encodeURIComponent(value);
  return /^\.+$/.test(encoded) ? encoded.replace(/\./g, '%2E') : encoded;
}

function headerValue(key: string, value: unknown): string {
  const text = Array.isArray(value) ? value.map(textOf).join(',') : textOf(value);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(text) || text.length > maxHeaderValue) {
    throw new PodiumError(
      'invalid_request',
      `${key}: a header value has at most ${maxHeaderValue} characters and no control characters`,
      { param: key },
    );
  }
  return text;
}
