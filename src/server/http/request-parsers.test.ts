/** Property-based checks of the edge's parsers: whatever a client sends, the answer is a value or a 4xx PodiumError. */
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { credentialOf } from './credential.js';
import { hostMatcher, resolveAllowedHosts } from './host-policy.js';
import { readBody } from './read-body.js';
import { Router } from './router.js';

const router = new Router()
  .add('GET', '/api/v1/approvals/:id', () => undefined)
  .add('POST', '/api/v1/keys/:ref/revoke', () => undefined)
  .add('POST', '/v1/chat/completions', () => undefined);

function expectClientError(error: unknown): void {
  expect(error).toBeInstanceOf(PodiumError);
  expect((error as PodiumError).status).toBe(400);
}

describe('Router.match', () => {
  it('names the parameter whose percent-encoding is malformed or carries control characters', () => {
    expect(() => router.match('GET', '/api/v1/approvals/%ZZ')).toThrow(
      expect.objectContaining({ status: 400, param: 'id' }) as unknown,
    );
    expect(() => router.match('POST', '/api/v1/keys/%00/revoke')).toThrow(
      expect.objectContaining({ status: 400, param: 'ref' }) as unknown,
    );
    expect(router.match('GET', '/api/v1/approvals/a%2Fb')).toMatchObject({ params: { id: 'a/b' } });
  });

  it('never throws anything but a 400 for any method and path', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'DELETE', 'X'),
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.string({ maxLength: 20 }),
        (method, tail, raw) => {
          for (const path of [`/api/v1/approvals/${tail}`, `/api/v1/keys/${raw}%${tail}/revoke`, tail]) {
            try {
              router.match(method, path);
            } catch (error) {
              expectClientError(error);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('credentialOf', () => {
  it('returns a trimmed non-empty secret or nothing, for any headers', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ unit: 'binary', maxLength: 60 })),
        fc.option(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 60 }),
            fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
          ),
        ),
        (authorization, apiKey) => {
          const headers = {
            ...(authorization === null ? {} : { authorization }),
            ...(apiKey === null ? {} : { 'x-api-key': apiKey }),
          };
          const secret = credentialOf(headers);
          if (secret !== undefined) {
            expect(secret).not.toBe('');
            expect(secret).toBe(secret.trim());
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(credentialOf({ authorization: 'Bearer  pk-abc ' })).toBe('pk-abc');
    expect(credentialOf({ authorization: 'Basic xyz', 'x-api-key': ['pk-1', 'pk-2'] })).toBe('pk-1');
  });
});

describe('readBody', () => {
  const message = (chunks: readonly Uint8Array[], headers: Record<string, string> = {}): IncomingMessage => {
    const request = new IncomingMessage(new Socket());
    request.headers = headers;
    for (const chunk of chunks) request.push(Buffer.from(chunk));
    request.push(null);
    return request;
  };

  it('returns exactly the bytes sent, however chunked, or 413 past the limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 400 }),
        async (chunks, limit) => {
          const sent = Buffer.concat(chunks);
          const result = await readBody(message(chunks), limit).then(
            (body) => ({ body }),
            (error: unknown) => ({ error }),
          );
          if (sent.length > limit) expect(result).toMatchObject({ error: { status: 413, code: 'body_too_large' } });
          else expect(result).toEqual({ body: sent });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a declared length over the limit without reading', async () => {
    await expect(readBody(message([], { 'content-length': '999999' }), 10)).rejects.toMatchObject({ status: 413 });
  });
});

describe('host policy', () => {
  it('answers loopback names when bound to loopback, any host when bound publicly or told "*"', () => {
    const local = hostMatcher(resolveAllowedHosts({ configured: undefined, bindHost: '127.0.0.1' }));
    expect(['localhost:4141', '127.0.0.1', '[::1]:4141', 'LOCALHOST'].map(local)).toEqual([true, true, true, true]);
    expect(['evil.example', 'localhost.evil.example:4141', '', undefined, '[', ':80'].map(local)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(resolveAllowedHosts({ configured: undefined, bindHost: '0.0.0.0' })).toBeUndefined();
    expect(resolveAllowedHosts({ configured: ['*'], bindHost: '127.0.0.1' })).toBeUndefined();
    const listed = hostMatcher(resolveAllowedHosts({ configured: ['podium.internal'], bindHost: '0.0.0.0' }));
    expect([listed('podium.internal:443'), listed('localhost')]).toEqual([true, false]);
  });

  it('never throws on any Host header', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: 'binary', maxLength: 40 }), { nil: undefined }), (header) => {
        expect(typeof hostMatcher(['localhost'])(header)).toBe('boolean');
      }),
    );
  });
});
