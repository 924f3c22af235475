/**
 * One HTTP exchange with the service, bounded: the answer must start within `timeoutMs` and the
 * whole exchange end within it too (the signal), and no more of the body is read than what will be
 * used: `maxResultBytes` of a success (more fails the call: a cut JSON document is useless), an
 * excerpt's worth of anything else (only an excerpt reaches the model).
 */
import type { Pool } from 'undici';
import { PodiumError } from '../../../../contract/index.js';
import type { OperationRequest } from './build-operation-request.js';
import { readBoundedBody } from './read-bounded-body.js';
import { maxErrorExcerpt, type ReceivedResponse } from './response-to-tool-result.js';

export interface SendLimits {
  readonly upstream: string;
  readonly tool: string;
  readonly timeoutMs: number;
  readonly maxResultBytes: number;
  readonly signal: AbortSignal;
}

/** Bytes of a failure's body read, for an excerpt of `maxErrorExcerpt` characters of any width. */
const errorBodyBytes = maxErrorExcerpt * 4;

/**
 * Sends the request and reads the answer.
 * @throws PodiumError `upstream_body_too_large` for a success larger than `maxResultBytes`; undici's errors otherwise, for the caller to map.
 */
export async function sendOperationRequest(
  pool: Pool,
  request: OperationRequest,
  limits: SendLimits,
): Promise<ReceivedResponse> {
  const response = await pool.request({
    method: request.method,
    path: request.path,
    headers: request.headers,
    body: request.body ?? null,
    signal: limits.signal,
    headersTimeout: limits.timeoutMs,
    bodyTimeout: limits.timeoutMs,
  });
  const success = response.statusCode >= 200 && response.statusCode <= 299;
  const tooLarge = () =>
    new PodiumError(
      'upstream_body_too_large',
      `openapi upstream "${limits.upstream}": the result of "${limits.tool}" is larger than ${limits.maxResultBytes} bytes`,
    );
  if (success && Number(response.headers['content-length']) > limits.maxResultBytes) {
    response.body.destroy();
    throw tooLarge();
  }
  const body = await readBoundedBody(response.body, success ? limits.maxResultBytes : errorBodyBytes);
  if (success && body.truncated) throw tooLarge();
  const contentType = response.headers['content-type'];
  return {
    status: response.statusCode,
    contentType: typeof contentType === 'string' ? contentType : undefined,
    bytes: body.bytes,
    truncated: body.truncated,
  };
}
