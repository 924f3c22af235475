/** Reads a request body with a hard size limit, refusing early on a declared Content-Length. */
import type { IncomingMessage } from 'node:http';
import { PodiumError } from '../../contract/index.js';

export function tooLarge(limit: number): PodiumError {
  return new PodiumError('body_too_large', `Request body exceeds the limit of ${limit} bytes.`);
}

/**
 * The whole body, or a rejection: too large (413), or the connection went away before the body ended
 * (the server's body timeout closes it, so a slow body never leaves this promise pending forever).
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        chunks.length = 0;
        request.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    request.on('error', reject);
    request.on('close', () => {
      if (!request.complete)
        reject(new PodiumError('request_timeout', 'The connection closed before the request body arrived.'));
    });
  });
}
